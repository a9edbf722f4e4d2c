package io.graygate.reporting;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.graygate.facts.Attestation;
import io.graygate.release.problems.Problem;

import java.time.LocalDate;
import java.util.List;

/**
 * The release so far, from stored evaluations, the problem log and people's statements: the final report
 * once the last stage has advanced.
 *
 * @param evaluationIds every evaluation the report rests on
 * @param decisions     the decision meeting's rulings, oldest first, next to each recommendation
 * @param chain         the audit chain verified when the report was built (not part of the source SHA-256)
 */
public record ReleaseReport(String release, LocalDate asOf, boolean finished, List<StageHistory> stages,
                            List<Criterion> criteria, List<Problem> problems, List<Attestation> statements,
                            List<String> lessons, List<String> rulesetSha256s, List<Long> evaluationIds,
                            List<MeetingDecision> decisions, @JsonIgnore ChainStatus chain) {
}
