package io.graygate.facts;

import java.time.LocalDate;

/**
 * The streaks the previous evaluation of the same stage left, as an input fact: loaded from the latest
 * stored evaluation of the same release and stage (an earlier as-of day, same stage attempt), so replays
 * see exactly what the recorded decision saw.
 *
 * @param evaluationId  the evaluation the streaks come from, or null when there is none (first evaluation,
 *                      or the stage restarted since)
 * @param asOf          that evaluation's as-of day, or null
 * @param passes        healthy evaluations in a row it ended with
 * @param softFailures  evaluations in a row with a soft rollback trigger it ended with
 * @param lastDecision  its decision (ADVANCE, HOLD, ROLLBACK), or "" when there is none
 */
public record PriorGateState(Long evaluationId, LocalDate asOf, int passes, int softFailures, String lastDecision) {

    public static PriorGateState none() {
        return new PriorGateState(null, null, 0, 0, "");
    }
}
