package io.graygate.release;

import io.graygate.release.statements.AttestationStore;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.facts.Verdict;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** Test helpers: the shipped release under a fresh name, and stored evaluations with a chosen decision. */
public final class Releases {
    private static final String SHA = "a".repeat(64);

    private Releases() {
    }

    /** config/release.yaml under a unique release name, so tests sharing a database do not meet. */
    public static ReleaseConfig fresh() {
        ReleaseConfig shipped = ConfigLoader.load(Path.of("config/release.yaml"));
        return new ReleaseConfig(shipped.file(), "test-" + UUID.randomUUID().toString().substring(0, 8), shipped.universe(),
                shipped.stages(), shipped.catalogue(), shipped.minDayCoverage());
    }

    /** The statements rules/entry.drl needs before stage 1: the card's four prerequisites and team readiness. */
    public static final List<String> STAGE_ONE_STATEMENTS = List.of("real_env_test_24h", "e2e_integration_test",
            "grafana_dashboard", "alert_channel", "team_trained", "rollback_drilled");
    public static final Path RULES = Path.of("rules");

    /** Every statement stage 1 needs, stated yes by alice. */
    public static void stateReadiness(ReleaseStore store, ReleaseConfig release) {
        AttestationStore statements = new AttestationStore(store.jdbi());
        for (String check : STAGE_ONE_STATEMENTS) {
            statements.record(release.name(), release.stages().get(0).name(), check, true, "alice", "test evidence");
        }
    }

    /** Stores an evaluation of a stage with a complete observation period and the given decision. */
    public static long evaluation(Jdbi jdbi, ReleaseConfig release, int stageNumber, Verdict decision) {
        var stage = release.stages().get(stageNumber - 1);
        return jdbi.inTransaction(h -> {
            h.execute("INSERT INTO ruleset (sha256, loaded_by) VALUES (?, 'test') ON CONFLICT DO NOTHING", SHA);
            return h.createUpdate("""
                            INSERT INTO evaluation (release, stage, stage_number, as_of, window_start, window_end,
                                observation_days, days_observed, ruleset_sha256, engine_version, decision, stage_config)
                            VALUES (:release, :stage, :number, current_date, current_date - :days + 1, current_date,
                                :days, :days, :sha, 'test', :decision, '{}')""")
                    .bind("release", release.name()).bind("stage", stage.name()).bind("number", stageNumber)
                    .bind("days", stage.observationDays()).bind("sha", SHA).bind("decision", decision.name())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
    }
}
