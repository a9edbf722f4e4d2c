package io.graygate.release;

import java.time.Instant;

/**
 * The release's lifecycle state as read from the latest event.
 *
 * @param stage                the running (or completed) stage's name, null at baseline and after a rollback
 * @param since                when the latest transition happened, null at baseline
 * @param awaitingEvaluationId the evaluation the decision meeting has to rule on, null when none
 */
public record ReleaseState(String release, Phase phase, String stage, int stageNumber, Instant since,
                           Long awaitingEvaluationId, ReleaseEvent lastEvent) {

    public static ReleaseState baseline(String release) {
        return new ReleaseState(release, Phase.BASELINE, null, 0, null, null, null);
    }

    /** Whether the dynamic mode switch is live for the stage's members. */
    public boolean stageActive() {
        return phase == Phase.STAGE_RUNNING || phase == Phase.AWAITING_DECISION || phase == Phase.COMPLETE;
    }

    public String describe() {
        return switch (phase) {
            case BASELINE -> "baseline (no stage started)";
            case ROLLED_BACK -> "rolled back at " + since + " by " + lastEvent.actor() + ": " + lastEvent.reason();
            case COMPLETE -> "complete: " + stage + " accepted at " + since;
            case STAGE_RUNNING -> "stage " + stageNumber + " (" + stage + ") started at " + since;
            case AWAITING_DECISION -> "stage " + stageNumber + " (" + stage + ") started at " + since
                    + ", awaiting decision on evaluation #" + awaitingEvaluationId;
        };
    }
}
