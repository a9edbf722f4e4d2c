package io.graygate.modeswitch;

import io.graygate.audit.AuditChain;
import io.graygate.audit.ChainedTables;
import io.graygate.audit.AuditStore;
import io.graygate.rules.RuleSet;
import io.graygate.platform.EngineVersion;
import io.graygate.platform.Json;
import org.jdbi.v3.core.Jdbi;

/** Stores a tuning run's report for audit, with the rule set it replayed, in one transaction. */
public final class TuningStore {
    private final Jdbi jdbi;

    public TuningStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public TuningReport save(TuningReport report, RuleSet rules, String requestedBy) {
        PairResult best = report.recommended().orElse(null);
        long id = jdbi.inTransaction(handle -> {
            AuditStore.storeRuleSet(handle, rules, requestedBy);
            long runId = handle.createUpdate("""
                            INSERT INTO tuning_run (release, stage, window_from, window_to, target_low, target_high,
                                alert_above, recommended_min_active, recommended_min_quiet, ruleset_sha256,
                                engine_version, requested_by, report)
                            VALUES (:release, :stage, :from, :to, :low, :high, :alert, :minActive, :minQuiet, :sha,
                                :engine, :by, CAST(:report AS jsonb))""")
                    .bind("release", report.release()).bind("stage", report.stage())
                    .bind("from", report.from()).bind("to", report.to())
                    .bind("low", report.target().low()).bind("high", report.target().high())
                    .bind("alert", report.target().alertAbove())
                    .bind("minActive", best == null ? null : best.minActive())
                    .bind("minQuiet", best == null ? null : best.minQuiet())
                    .bind("sha", report.rulesetSha256()).bind("engine", EngineVersion.describe()).bind("by", requestedBy)
                    .bind("report", Json.write(report))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            AuditChain.link(handle, ChainedTables.TUNING_RUN, runId);
            return runId;
        });
        return report.withId(id);
    }
}
