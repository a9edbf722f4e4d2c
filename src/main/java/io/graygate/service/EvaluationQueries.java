package io.graygate.service;

import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-only SQL for the evaluation endpoints: the evaluation, its votes and the meeting's decision. */
final class EvaluationQueries {
    private static final String SUMMARY = """
            SELECT e.id, e.release, e.stage, e.stage_number, e.as_of::text AS as_of,
                   e.window_start::text AS window_start, e.window_end::text AS window_end,
                   e.days_observed, e.observation_days,
                   e.decision AS recommendation, e.ruleset_sha256, e.created_at::text AS created_at,
                   d.approved, d.outcome, d.decided_by AS decided_by, d.reason AS decision_reason,
                   (d.approved = false) AS override, (s.evaluation_id IS NOT NULL) AS scheduled
            FROM evaluation e
            LEFT JOIN stage_decision d ON d.evaluation_id = e.id
            LEFT JOIN scheduled_evaluation s ON s.evaluation_id = e.id
            """;

    private final Jdbi jdbi;

    EvaluationQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<Map<String, Object>> list(String release, int limit) {
        return jdbi.withHandle(h -> h.createQuery(SUMMARY + " WHERE e.release = :release ORDER BY e.id DESC LIMIT :limit")
                .bind("release", release).bind("limit", limit).mapToMap().list());
    }

    Optional<Map<String, Object>> read(long id) {
        return jdbi.withHandle(h -> h.createQuery(SUMMARY + " WHERE e.id = :id").bind("id", id).mapToMap().findOne()
                .map(row -> {
                    Map<String, Object> full = new java.util.LinkedHashMap<>(row);
                    full.put("votes", h.createQuery("""
                                    SELECT seq, rule_name AS rule, kind, verdict, severity, code, message, metric, value,
                                           threshold, baseline, met
                                    FROM evaluation_vote WHERE evaluation_id = :id ORDER BY seq""")
                            .bind("id", id).mapToMap().list());
                    return full;
                }));
    }
}
