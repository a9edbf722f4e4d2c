package io.graygate.facts;

import java.time.Instant;

/**
 * The decision meeting's ruling on one evaluation of a stage, as the entry rules see it: the rules'
 * recommendation and what the people decided. {@code approved == false} is an override.
 *
 * @param outcome what the release does: the recommendation when approved, HOLD when rejected
 */
public record StageDecision(long evaluationId, String stage, Verdict recommendation, boolean approved,
                            Verdict outcome, String by, String reason, Instant at) {

    public String describe() {
        return (approved ? "approved " : "rejected (override) ") + recommendation + " of evaluation #" + evaluationId
                + " by " + by + " at " + at + ": " + reason;
    }
}
