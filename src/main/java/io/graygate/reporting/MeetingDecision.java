package io.graygate.reporting;

import io.graygate.release.Decision;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The decision meeting's ruling next to the rules' recommendation. A rejection is an override: the
 * recommendation was not followed and the release held.
 */
public record MeetingDecision(long evaluationId, String stage, LocalDate asOf, String recommendation, boolean approved,
                              String outcome, String by, Instant at, String reason) {

    static MeetingDecision of(Decision d, LocalDate asOf) {
        return new MeetingDecision(d.evaluationId(), d.stage(), asOf, d.recommendation().name(), d.approved(),
                d.outcome().name(), d.decidedBy(), d.at(), d.reason());
    }

    public boolean override() {
        return !approved;
    }

    /** "approved" or "REJECTED (override), outcome HOLD". */
    public String ruling() {
        return approved ? "approved" : "REJECTED (override), outcome " + outcome;
    }

    public String describe() {
        return "#" + evaluationId + " " + recommendation + " " + ruling() + " by " + by + " at " + at + ": " + reason;
    }
}
