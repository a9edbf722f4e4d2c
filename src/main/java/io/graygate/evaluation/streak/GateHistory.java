package io.graygate.evaluation.streak;

import io.graygate.facts.PriorGateState;
import org.jdbi.v3.core.Jdbi;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Where an evaluation's prior gate state comes from: the streaks the latest stored evaluation of the same
 * release and stage left, from an earlier as-of day of the same stage attempt. An attempt ends when the stage
 * is started again or the release rolls back (release_event), and an evaluation given {@code --since} (the
 * day the stage started) ignores evaluations before that day. No such evaluation: the streaks start at zero.
 */
public final class GateHistory {
    private final Jdbi jdbi;

    public GateHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @param since the day the stage started, or null when the evaluation was not told */
    public PriorGateState prior(String release, String stage, LocalDate asOf, LocalDate since) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT e.id, e.as_of, e.decision, s.left_passes, s.left_soft_failures
                        FROM evaluation e JOIN evaluation_gate_streak s ON s.evaluation_id = e.id
                        WHERE e.release = :release AND e.stage = :stage AND e.as_of < :asOf
                          AND (CAST(:since AS date) IS NULL OR e.as_of >= CAST(:since AS date))
                          AND e.created_at > COALESCE((
                                SELECT max(r.created_at) FROM release_event r
                                WHERE r.release = :release AND NOT r.drill
                                  AND ((r.kind = 'STAGE_STARTED' AND r.stage = :stage) OR r.kind = 'ROLLED_BACK')),
                                '-infinity')
                        ORDER BY e.as_of DESC, e.id DESC LIMIT 1""")
                .bind("release", release).bind("stage", stage).bind("asOf", asOf).bind("since", since)
                .map((rs, ctx) -> new PriorGateState(rs.getLong("id"), rs.getObject("as_of", LocalDate.class),
                        rs.getInt("left_passes"), rs.getInt("left_soft_failures"), rs.getString("decision")))
                .findOne()).orElseGet(PriorGateState::none);
    }

    /** The streaks one stored evaluation saw and left; empty for evaluations stored before migration V9. */
    public Optional<StoredStreak> of(long evaluationId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT evaluation_id, prior_evaluation_id, seen_passes, seen_soft_failures, seen_last_decision,
                               left_passes, left_soft_failures, outcome, min_consecutive_passes, failure_limit
                        FROM evaluation_gate_streak WHERE evaluation_id = :id""")
                .bind("id", evaluationId)
                .map((rs, ctx) -> new StoredStreak(rs.getLong("evaluation_id"), (Long) rs.getObject("prior_evaluation_id"),
                        rs.getInt("seen_passes"), rs.getInt("seen_soft_failures"), rs.getString("seen_last_decision"),
                        rs.getInt("left_passes"), rs.getInt("left_soft_failures"), rs.getString("outcome"),
                        rs.getInt("min_consecutive_passes"), rs.getInt("failure_limit")))
                .findOne());
    }
}
