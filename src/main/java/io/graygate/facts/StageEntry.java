package io.graygate.facts;

import java.time.Instant;

/**
 * A request to start a stage and where the release stands, as the entry rules ({@code rules/entry.drl})
 * see it. Only an entry check inserts it, so entry rules never fire in a stage evaluation.
 *
 * @param number        1-based position of the stage to start
 * @param previousStage the stage before it, "" for stage 1
 * @param phase         the release's lifecycle phase: BASELINE, STAGE_RUNNING, AWAITING_DECISION, ROLLED_BACK
 *                      or COMPLETE
 * @param runningStage  the stage the release is in, "" at baseline and after a rollback
 * @param runningSince  when the release entered its current phase, null at baseline
 * @param state         the release's state in words, for reasons
 */
public record StageEntry(String release, String stage, int number, String previousStage, String phase,
                         String runningStage, int runningNumber, Instant runningSince, String state) {
}
