package io.graygate.decision;

import io.graygate.facts.Verdict;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** One stage evaluated as of a day: the decision, every vote, firing and fact behind it. */
public record Evaluation(
        Long id,
        String release,
        String stage,
        int stageNumber,
        LocalDate asOf,
        ObservationWindow window,
        Verdict decision,
        List<CastVote> votes,
        List<Firing> firings,
        List<FactRecord> facts,
        String rulesetSha256,
        String engineVersion,
        Map<String, Object> stageConfig) {

    public Evaluation withId(long newId) {
        return new Evaluation(newId, release, stage, stageNumber, asOf, window, decision, votes, firings, facts,
                rulesetSha256, engineVersion, stageConfig);
    }

    public List<CastVote> reasons() {
        return DecisionPolicy.reasons(decision, votes);
    }
}
