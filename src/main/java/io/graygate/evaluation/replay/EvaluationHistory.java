package io.graygate.evaluation.replay;

import io.graygate.platform.config.StageConfig;
import io.graygate.decision.ObservationWindow;
import io.graygate.facts.Verdict;
import org.jdbi.v3.core.Handle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads stored evaluations for replay in batches: one query for the evaluations of a day range, then per
 * batch one query for all their input facts and one for the rules behind their decisions.
 */
final class EvaluationHistory {
    private final Handle handle;

    EvaluationHistory(Handle handle) {
        this.handle = handle;
    }

    private record Row(long id, String stage, LocalDate asOf, Verdict decision, ObservationWindow window,
                       StageConfig config) {
    }

    /** The ids of the evaluations of the range, oldest day first. */
    List<Long> ids(LocalDate from, LocalDate to, String stage) {
        return handle.createQuery("""
                        SELECT id FROM evaluation
                        WHERE as_of BETWEEN :from AND :to AND (CAST(:stage AS text) IS NULL OR stage = :stage)
                        ORDER BY as_of, stage_number, id""")
                .bind("from", from).bind("to", to).bind("stage", stage)
                .mapTo(Long.class).list();
    }

    /** The evaluations of a batch of ids, in the order of the ids. */
    List<RecordedEvaluation> load(List<Long> ids) {
        Map<Long, Row> rows = rows(ids);
        Map<Long, StoredFacts> facts = facts(ids);
        Map<Long, List<String>> rules = reasons(ids);
        List<RecordedEvaluation> result = new ArrayList<>();
        for (long id : ids) {
            Row r = rows.get(id);
            result.add(new RecordedEvaluation(id, r.stage(), r.asOf(), r.decision(), rules.getOrDefault(id, List.of()),
                    r.window(), r.config(), facts.getOrDefault(id, new StoredFacts(id)).toInputs()));
        }
        return result;
    }

    private Map<Long, Row> rows(List<Long> ids) {
        Map<Long, Row> rows = new HashMap<>();
        handle.createQuery("""
                        SELECT id, stage, as_of, decision, window_start, window_end, observation_days, stage_config::text AS config
                        FROM evaluation WHERE id = ANY(:ids)""")
                .bindArray("ids", Long.class, ids)
                .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("stage"), rs.getObject("as_of", LocalDate.class),
                        Verdict.valueOf(rs.getString("decision")),
                        new ObservationWindow(rs.getObject("window_start", LocalDate.class),
                                rs.getObject("window_end", LocalDate.class), rs.getInt("observation_days")),
                        // The recorded configuration, not today's config/release.yaml: replay must judge the
                        // facts under the stage settings the recorded decision used, even if the file changed
                        // since (or the stage was renamed or removed).
                        StoredFacts.read(StageConfig.class, rs.getString("config"))))
                .forEach(r -> rows.put(r.id(), r));
        return rows;
    }

    private Map<Long, StoredFacts> facts(List<Long> ids) {
        Map<Long, StoredFacts> facts = new HashMap<>();
        handle.createQuery("""
                        SELECT evaluation_id, type, content::text AS content FROM evaluation_fact_typed
                        WHERE evaluation_id = ANY(:ids) AND derived_by IS NULL
                        ORDER BY evaluation_id, fact_id""")
                .bindArray("ids", Long.class, ids)
                .map((rs, ctx) -> {
                    long id = rs.getLong("evaluation_id");
                    facts.computeIfAbsent(id, StoredFacts::new).add(rs.getString("type"), rs.getString("content"));
                    return id;
                })
                .list();
        return facts;
    }

    /** Per evaluation, the rules whose votes decided it (as DecisionPolicy.reasons picks them), in vote order. */
    private Map<Long, List<String>> reasons(List<Long> ids) {
        Map<Long, List<String>> rules = new LinkedHashMap<>();
        handle.createQuery("""
                        SELECT v.evaluation_id, v.rule_name FROM evaluation_vote v JOIN evaluation e ON e.id = v.evaluation_id
                        WHERE v.evaluation_id = ANY(:ids) AND v.verdict = e.decision
                          AND (v.kind <> 'ALERT' OR v.severity = 'CRITICAL')
                        ORDER BY v.evaluation_id, v.seq""")
                .bindArray("ids", Long.class, ids)
                .map((rs, ctx) -> {
                    List<String> list = rules.computeIfAbsent(rs.getLong("evaluation_id"), k -> new ArrayList<>());
                    String rule = rs.getString("rule_name");
                    if (!list.contains(rule)) {
                        list.add(rule);
                    }
                    return rule;
                })
                .list();
        return rules;
    }
}
