package io.graygate.decision;

import io.graygate.facts.Coverage;
import io.graygate.facts.Group;
import io.graygate.facts.Stage;
import io.graygate.facts.Vote;
import io.graygate.facts.VoteKind;

import java.util.ArrayList;
import java.util.List;

/**
 * graygate's own guarantees, which no rule edit can remove: no ADVANCE before the observation period is
 * complete, none on missing or too little data, and none when no rule judged an advance condition.
 */
public final class EngineChecks {
    public static final String OBSERVATION = "graygate:observation-period";
    public static final String DATA = "graygate:data-coverage";
    public static final String CONDITIONS = "graygate:advance-conditions";

    private EngineChecks() {
    }

    /** A vote of graygate's own and the fact it read. */
    public record Check(String rule, Vote vote, Object fact) {
    }

    /** Votes from the facts alone, before the rules run. */
    public static List<Check> beforeRules(Stage stage, List<Coverage> coverage) {
        List<Check> votes = new ArrayList<>();
        if (!stage.observationComplete()) {
            votes.add(new Check(OBSERVATION, Vote.engine("OBSERVATION_INCOMPLETE", "observation period incomplete: " + stage.daysObserved()
                    + " of " + stage.observationDays() + " days observed (window " + stage.windowStart() + " .. "
                    + stage.windowEnd() + ")", ""), stage));
        }
        for (Coverage c : coverage) {
            if (!c.sufficient()) {
                votes.add(new Check(DATA, Vote.engine("INSUFFICIENT_DATA: " + c.metric(), describe(c), c.metric()), c));
            }
        }
        return votes;
    }

    private static String describe(Coverage c) {
        String who = c.group() == Group.BASELINE ? "baseline " : c.symbol().isEmpty() ? "" : c.symbol() + " ";
        if (c.samples() == 0) {
            return "insufficient data: no " + who + c.metric() + " samples in the window";
        }
        return "insufficient data: " + who + c.metric() + " has " + c.samples() + " samples on " + c.daysWithData()
                + " days; needs " + c.minSamples() + " samples on " + c.daysRequired() + " days";
    }

    /** The check that needs the rules' votes: something must have judged an advance condition. */
    public static List<Check> afterRules(Stage stage, List<CastVote> ruleVotes) {
        boolean judged = ruleVotes.stream().anyMatch(v -> v.vote().kind() == VoteKind.GATE);
        if (judged) {
            return List.of();
        }
        return List.of(new Check(CONDITIONS, Vote.engine("NO_ADVANCE_CONDITIONS",
                "no rule judged an advance condition for stage " + stage.name() + " (number " + stage.number()
                        + "); without one graygate never advances", ""), stage));
    }
}
