package io.graygate.reporting;

import java.time.LocalDate;
import java.util.List;

/**
 * One stored evaluation as the page lists it: the rules' recommendation, the votes that cast it, and the
 * decision meeting's ruling when there is one.
 *
 * @param approved null while the meeting has not ruled
 * @param reasons  the messages of the votes that cast the recommendation, in vote order
 */
public record DecisionLine(long evaluationId, String stage, int stageNumber, LocalDate asOf, int daysObserved,
                           int observationDays, String recommendation, List<String> reasons, Boolean approved,
                           String outcome, String decidedBy, String decisionReason) {
    public DecisionLine {
        reasons = List.copyOf(reasons);
    }
}
