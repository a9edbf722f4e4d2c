package io.graygate.reporting;

import io.graygate.facts.Attestation;
import io.graygate.release.problems.Problem;

import java.util.List;

/**
 * Everything a stage report says, built from one stored evaluation (never by running the rules again).
 * Every format renders this one record, so the formats cannot disagree.
 *
 * @param previousEvaluationId the stage's evaluation before this one, or null
 * @param facts                every stored input fact: type, id and its JSON
 * @param meeting              the decision meeting's ruling on this evaluation, or null while it waits for one
 */
public record StageReport(ReportHeader header, String decision, MeetingDecision meeting, List<VoteLine> reasons, List<ConditionRow> conditions,
                          List<VoteLine> alerts, List<VoteLine> rollbackTriggers, List<ModeSwitchDay> modeSwitches,
                          List<Trend> trends, List<Problem> problems, List<Attestation> statements,
                          Long previousEvaluationId, String previousDecision, List<ConditionChange> changes,
                          List<FactRow> facts, List<RuleText> rules) {

    /** A stored fact. */
    public record FactRow(int id, String type, String metric, String symbol, String json) {
    }

    /** A rule file's text at the evaluation's rule-set SHA-256. */
    public record RuleText(String path, String sha256, String content) {
    }

    public List<Long> evaluationIds() {
        return List.of(header.evaluationId());
    }
}
