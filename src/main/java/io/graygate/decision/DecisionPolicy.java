package io.graygate.decision;

import io.graygate.facts.Severity;
import io.graygate.facts.Verdict;
import io.graygate.facts.VoteKind;

import java.util.List;

/**
 * Picks the decision from all votes: ROLLBACK over HOLD over ADVANCE. No vote cancels another; the
 * checks that make ADVANCE need a complete observation period, enough data and at least one judged
 * advance condition arrive as HOLD votes of their own (see {@link EngineChecks}).
 */
public final class DecisionPolicy {

    private DecisionPolicy() {
    }

    public static Verdict decide(List<CastVote> votes) {
        Verdict decision = Verdict.ADVANCE;
        for (CastVote cast : votes) {
            if (cast.vote().verdict().outranks(decision)) {
                decision = cast.vote().verdict();
            }
        }
        return decision;
    }

    /** The votes that explain the decision: those that cast it, leaving out informational alerts. */
    public static List<CastVote> reasons(Verdict decision, List<CastVote> votes) {
        return votes.stream()
                .filter(v -> v.vote().verdict() == decision)
                .filter(v -> v.vote().kind() != VoteKind.ALERT || v.vote().severity() == Severity.CRITICAL)
                .toList();
    }
}
