package io.graygate.evaluation.replay;

import io.graygate.facts.Verdict;

import java.time.LocalDate;
import java.util.List;

/**
 * A decision that the candidate rule set would have made differently.
 *
 * @param recordedRules  the rules (and graygate checks) that voted for the recorded decision
 * @param candidateRules those that vote for the candidate's decision
 */
public record ReplayChange(LocalDate asOf, String stage, long evaluationId, Verdict recorded, List<String> recordedRules,
                           Verdict candidate, List<String> candidateRules) {

    public ReplayChange {
        recordedRules = List.copyOf(recordedRules);
        candidateRules = List.copyOf(candidateRules);
    }
}
