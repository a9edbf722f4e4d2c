package io.graygate.tools.cli;

import io.graygate.decision.CastVote;
import io.graygate.decision.Evaluation;
import io.graygate.decision.FactRecord;
import io.graygate.facts.Severity;
import io.graygate.facts.Vote;
import io.graygate.facts.VoteKind;
import io.graygate.rules.RuleInfo;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Prints an evaluation: text for the operator at 3 a.m. (decision first, then why), or JSON for tools. */
final class EvaluationOutput {
    private EvaluationOutput() {
    }

    static String json(Evaluation e, int stageCount) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("evaluationId", e.id());
        root.put("release", e.release());
        root.put("stage", e.stage());
        root.put("stageNumber", e.stageNumber());
        root.put("stageCount", stageCount);
        root.put("asOf", e.asOf());
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("start", e.window().start());
        window.put("end", e.window().end());
        window.put("observationDays", e.window().observationDays());
        window.put("daysObserved", e.window().daysObserved());
        window.put("complete", e.window().complete());
        root.put("window", window);
        root.put("decision", e.decision());
        root.put("reasons", e.reasons().stream().map(v -> vote(v, e)).toList());
        root.put("votes", e.votes().stream().map(v -> vote(v, e)).toList());
        root.put("facts", e.facts());
        root.put("firings", e.firings());
        root.put("rulesetSha256", e.rulesetSha256());
        root.put("engineVersion", e.engineVersion());
        return Json.writePretty(root);
    }

    private static Map<String, Object> vote(CastVote cast, Evaluation e) {
        Vote v = cast.vote();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule", cast.rule());
        out.put("kind", v.kind());
        out.put("verdict", v.verdict());
        out.put("severity", v.severity());
        out.put("code", v.code());
        out.put("message", v.message());
        out.put("metric", v.metric());
        out.put("value", v.value());
        out.put("threshold", v.threshold());
        out.put("baseline", v.baseline());
        out.put("met", v.met());
        out.put("facts", cast.factIds().stream().map(id -> e.facts().get(id - 1)).map(EvaluationOutput::factView).toList());
        return out;
    }

    private static Map<String, Object> factView(FactRecord fact) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", fact.id());
        out.put("type", fact.type());
        out.put("value", fact.value());
        return out;
    }

    static String text(Evaluation e, int stageCount, RuleSet rules) {
        StringBuilder out = new StringBuilder();
        out.append(e.decision()).append("  ").append(e.stage()).append(" (stage ").append(e.stageNumber())
                .append(" of ").append(stageCount).append(")  as of ").append(e.asOf()).append('\n');
        out.append("window ").append(e.window().start()).append(" .. ").append(e.window().end()).append(", ")
                .append(e.window().daysObserved()).append(" of ").append(e.window().observationDays())
                .append(" days observed; evaluation #").append(e.id()).append("; rules ")
                .append(e.rulesetSha256(), 0, 12).append('\n');

        out.append("\nWhy ").append(e.decision()).append(":\n");
        for (CastVote reason : e.reasons()) {
            out.append("  - ").append(reason.vote().message()).append("   [").append(where(reason, rules)).append("]\n");
        }
        if (e.decision() != io.graygate.facts.Verdict.ROLLBACK) {
            // under ROLLBACK the triggers are the reasons above
            section(out, "Rollback triggers fired", e.votes(), v -> v.kind() == VoteKind.ROLLBACK, rules);
        }
        List<CastVote> conditions = e.votes().stream().filter(v -> v.vote().kind() == VoteKind.GATE).toList();
        long met = conditions.stream().filter(v -> v.vote().met()).count();
        out.append("\nAdvance conditions (").append(met).append(" of ").append(conditions.size()).append(" met):\n");
        for (CastVote c : conditions) {
            Vote v = c.vote();
            out.append(String.format("  %-6s %-48s %-26s required %s%n", v.met() ? "[ok]" : "[FAIL]", v.code(),
                    v.metric() + (v.value() == null ? "" : " = " + Vote.format(v.value())), v.threshold()));
        }
        section(out, "Alerts", e.votes(), v -> v.kind() == VoteKind.ALERT, rules);
        if (e.decision() != io.graygate.facts.Verdict.HOLD) {
            // graygate's own checks always vote HOLD; under HOLD they are already listed as reasons
            section(out, "graygate checks", e.votes(), v -> v.kind() == VoteKind.ENGINE, rules);
        }
        return out.toString().stripTrailing();
    }

    private static void section(StringBuilder out, String title, List<CastVote> votes, Predicate<Vote> filter,
                                RuleSet rules) {
        List<CastVote> selected = votes.stream().filter(v -> filter.test(v.vote())).toList();
        out.append('\n').append(title).append(": ").append(selected.isEmpty() ? "none" : "").append('\n');
        for (CastVote v : selected) {
            String severity = v.vote().kind() == VoteKind.ALERT ? (v.vote().severity() == Severity.CRITICAL
                    ? "CRITICAL " : "warning  ") : "";
            out.append("  ").append(severity).append(v.vote().message()).append("   [").append(where(v, rules))
                    .append("]\n");
        }
    }

    private static String where(CastVote vote, RuleSet rules) {
        String file = rules.rule(vote.rule()).map(RuleInfo::file).orElse("");
        return vote.rule() + (file.isEmpty() ? "" : ", " + file);
    }
}
