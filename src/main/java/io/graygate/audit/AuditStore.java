package io.graygate.audit;

import io.graygate.decision.CastVote;
import io.graygate.decision.Evaluation;
import io.graygate.decision.FactRecord;
import io.graygate.decision.Firing;
import io.graygate.rules.RuleFile;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes evaluations to the append-only audit tables. One evaluation, with its facts, firings and votes,
 * (the first time it is used) its rule set, and their audit-chain links, is one transaction: it is stored
 * whole or not at all.
 */
public final class AuditStore {
    private final Jdbi jdbi;

    public AuditStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores the evaluation's rows and their audit-chain link in one transaction, with nothing else. */
    public Evaluation save(Evaluation evaluation, RuleSet ruleSet, String loadedBy) {
        return jdbi.inTransaction(handle -> {
            Evaluation stored = insert(handle, evaluation, ruleSet, loadedBy);
            link(handle, stored);
            return stored;
        });
    }

    /** Writes the rule set (the first time) and the evaluation's rows inside the caller's transaction. */
    public Evaluation insert(Handle handle, Evaluation evaluation, RuleSet ruleSet, String loadedBy) {
        storeRuleSet(handle, ruleSet, loadedBy);
        long evaluationId = insertEvaluation(handle, evaluation);
        insertFacts(handle, evaluationId, evaluation);
        insertFirings(handle, evaluationId, evaluation);
        insertVotes(handle, evaluationId, evaluation);
        return evaluation.withId(evaluationId);
    }

    /** Appends the stored evaluation's link to the audit chain, over its rows as stored. */
    public void link(Handle handle, Evaluation stored) {
        AuditChain.append(handle, CanonicalContent.EVALUATION, Long.toString(stored.id()),
                CanonicalContent.evaluation(handle, stored.id()));
    }

    /**
     * Stores a rule set once per SHA-256; later loads of the same content only point at it. A newly stored
     * set appends a link to the audit chain in the caller's transaction.
     */
    public static void storeRuleSet(Handle handle, RuleSet ruleSet, String loadedBy) {
        int inserted = handle.createUpdate("INSERT INTO ruleset (sha256, loaded_by) VALUES (:sha, :by) ON CONFLICT DO NOTHING")
                .bind("sha", ruleSet.sha256()).bind("by", loadedBy).execute();
        if (inserted == 0) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO ruleset_file (ruleset_sha256, path, sha256, content) "
                + "VALUES (:set, :path, :sha, :content)");
        for (RuleFile file : ruleSet.files()) {
            batch.bind("set", ruleSet.sha256()).bind("path", file.name()).bind("sha", file.sha256())
                    .bind("content", file.content()).add();
        }
        batch.execute();
        AuditChain.append(handle, CanonicalContent.RULESET, ruleSet.sha256(), CanonicalContent.ruleSet(handle, ruleSet.sha256()));
    }

    private static long insertEvaluation(Handle handle, Evaluation e) {
        return handle.createUpdate("""
                        INSERT INTO evaluation (release, stage, stage_number, as_of, window_start, window_end,
                            observation_days, days_observed, ruleset_sha256, engine_version, decision, stage_config)
                        VALUES (:release, :stage, :number, :asOf, :start, :end, :observationDays, :daysObserved,
                            :sha, :engine, :decision, CAST(:config AS jsonb))""")
                .bind("release", e.release()).bind("stage", e.stage()).bind("number", e.stageNumber())
                .bind("asOf", e.asOf()).bind("start", e.window().start()).bind("end", e.window().end())
                .bind("observationDays", e.window().observationDays()).bind("daysObserved", e.window().daysObserved())
                .bind("sha", e.rulesetSha256()).bind("engine", e.engineVersion()).bind("decision", e.decision().name())
                .bind("config", Json.write(e.stageConfig()))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private static void insertFacts(Handle handle, long id, Evaluation e) {
        PreparedBatch batch = handle.prepareBatch("INSERT INTO evaluation_fact (evaluation_id, fact_id, type, derived_by, content) "
                + "VALUES (:id, :factId, :type, :derivedBy, CAST(:content AS jsonb))");
        for (FactRecord fact : e.facts()) {
            batch.bind("id", id).bind("factId", fact.id()).bind("type", fact.type())
                    .bind("derivedBy", fact.derivedBy()).bind("content", Json.write(fact.value())).add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    private static void insertFirings(Handle handle, long id, Evaluation e) {
        PreparedBatch batch = handle.prepareBatch("INSERT INTO rule_firing (evaluation_id, seq, rule_name, rule_file, kind, matched) "
                + "VALUES (:id, :seq, :rule, :file, :kind, CAST(:matched AS jsonb))");
        for (Firing firing : e.firings()) {
            batch.bind("id", id).bind("seq", firing.seq()).bind("rule", firing.rule()).bind("file", firing.file())
                    .bind("kind", firing.kind()).bind("matched", Json.write(firing.matched())).add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    private static void insertVotes(Handle handle, long id, Evaluation e) {
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO evaluation_vote (evaluation_id, seq, firing_seq, rule_name, kind, verdict, severity, code,
                    message, metric, value, threshold, baseline, met)
                VALUES (:id, :seq, :firing, :rule, :kind, :verdict, :severity, :code, :message, :metric, :value,
                    :threshold, :baseline, :met)""");
        for (CastVote cast : e.votes()) {
            var v = cast.vote();
            batch.bind("id", id).bind("seq", cast.seq()).bind("firing", cast.firingSeq()).bind("rule", cast.rule())
                    .bind("kind", v.kind().name()).bind("verdict", v.verdict().name()).bind("severity", v.severity().name())
                    .bind("code", v.code()).bind("message", v.message()).bind("metric", v.metric())
                    .bind("value", v.value()).bind("threshold", v.threshold()).bind("baseline", v.baseline())
                    .bind("met", v.met()).add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }
}
