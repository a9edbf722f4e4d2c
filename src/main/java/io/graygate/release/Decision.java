package io.graygate.release;

import io.graygate.facts.StageDecision;
import io.graygate.facts.Verdict;

import java.time.Instant;

/**
 * The decision meeting's ruling on one evaluation: the rules' recommendation and the human decision side
 * by side. A rejection keeps the stage where it is (outcome HOLD); {@link #override()} marks it.
 */
public record Decision(long id, long evaluationId, String release, String stage, Verdict recommendation,
                       boolean approved, Verdict outcome, String decidedBy, String reason, Instant at) {

    public boolean override() {
        return !approved;
    }

    public StageDecision asFact() {
        return new StageDecision(evaluationId, stage, recommendation, approved, outcome, decidedBy, reason, at);
    }

    public static Verdict outcomeOf(Verdict recommendation, boolean approved) {
        return approved ? recommendation : Verdict.HOLD;
    }
}
