package io.graygate.reporting;

import java.time.LocalDate;
import java.util.List;

/**
 * What happened in one stage of the release.
 *
 * @param started    first day of its first window, or null when it has not started
 * @param advancedOn days an evaluation decided ADVANCE
 * @param rolledBack days an evaluation decided ROLLBACK
 * @param approvals  people's statements for the stage ("check=yes by NAME at T")
 * @param rulings    the decision meeting's rulings on the stage's evaluations, overrides marked
 * @param lifecycle  the release's transitions while in this stage: started, rolled back, completed (who, why)
 */
public record StageHistory(String stage, int number, LocalDate started, int evaluations, int holds,
                           List<LocalDate> advancedOn, List<LocalDate> rolledBack, String lastDecision,
                           Long lastEvaluationId, List<String> approvals, List<String> rulings,
                           List<String> lifecycle) {

    public boolean hasExplicitDecision() {
        return !advancedOn.isEmpty() || !rolledBack.isEmpty();
    }
}
