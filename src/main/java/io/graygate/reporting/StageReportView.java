package io.graygate.reporting;

import io.graygate.facts.Attestation;
import io.graygate.release.problems.Problem;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Mustache scope of a stage report: the model's values formatted once, for every template. Charts
 * are drawn only for the HTML (and so the PDF); the Markdown lists each trend's range instead.
 */
final class StageReportView {
    private StageReportView() {
    }

    static Map<String, Object> of(StageReport r, String sourceSha256, boolean charts) {
        ReportHeader h = r.header();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("h", h);
        v.put("title", "Gray release report: " + h.release() + ", stage " + h.stage() + " (" + h.stageNumber() + " of "
                + h.stageCount() + "), as of " + h.asOf());
        v.put("decision", r.decision());
        v.put("decisionClass", r.decision().toLowerCase(Locale.ROOT));
        v.put("chain", h.chain().describe());
        v.put("chainClass", h.chain().intact() ? "met" : "notmet");
        v.put("meeting", r.meeting() == null ? null : meeting(r.meeting()));
        v.put("reasons", r.reasons());
        v.put("conditions", r.conditions().stream().map(StageReportView::condition).toList());
        v.put("alerts", r.alerts());
        v.put("hasAlerts", !r.alerts().isEmpty());
        v.put("rollbackTriggers", r.rollbackTriggers());
        v.put("hasRollbackTriggers", !r.rollbackTriggers().isEmpty());
        v.put("modeSwitches", modeSwitchTable(r.modeSwitches()));
        v.put("trends", r.trends().stream().map(t -> trend(t, charts)).toList());
        v.put("problems", r.problems().stream().map(StageReportView::problem).toList());
        v.put("hasProblems", !r.problems().isEmpty());
        v.put("statements", r.statements().stream().map(StageReportView::statement).toList());
        v.put("hasStatements", !r.statements().isEmpty());
        v.put("previous", r.previousEvaluationId() == null ? null
                : Map.of("id", r.previousEvaluationId(), "decision", r.previousDecision()));
        v.put("changes", r.changes());
        v.put("hasChanges", !r.changes().isEmpty());
        v.put("rules", r.rules());
        v.put("sourceIds", r.evaluationIds().stream().map(id -> "#" + id).collect(Collectors.joining(", ")));
        v.put("sourceSha256", sourceSha256);
        v.put("checkCommand", "graygate report --evaluation " + h.evaluationId() + " --format md");
        return v;
    }

    /** The meeting's ruling formatted once; an override gets its own class so it stands out. */
    static Map<String, Object> meeting(MeetingDecision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.evaluationId());
        m.put("stage", d.stage());
        m.put("asOf", d.asOf().toString());
        m.put("recommendation", d.recommendation());
        m.put("ruling", d.ruling());
        m.put("outcome", d.outcome());
        m.put("by", d.by());
        m.put("at", d.at().toString());
        m.put("reason", d.reason());
        m.put("override", d.override());
        m.put("cls", d.override() ? "override" : "met");
        return m;
    }

    private static Map<String, Object> condition(ConditionRow c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("condition", c.condition());
        m.put("metric", c.metric());
        m.put("value", ReportText.number(c.value()));
        m.put("baseline", ReportText.number(c.baseline()));
        m.put("threshold", c.threshold());
        m.put("met", ReportText.yesNo(c.met()));
        m.put("metClass", c.met() ? "met" : "notmet");
        m.put("rule", c.rule());
        m.put("file", c.ruleFile());
        return m;
    }

    /** Days as columns, one row per symbol. */
    static Map<String, Object> modeSwitchTable(List<ModeSwitchDay> days) {
        List<LocalDate> columns = days.stream().map(ModeSwitchDay::day).distinct().sorted().toList();
        Map<String, Map<LocalDate, Double>> bySymbol = new TreeMap<>();
        days.forEach(d -> bySymbol.computeIfAbsent(d.symbol(), k -> new HashMap<>()).put(d.day(), d.switches()));
        List<Map<String, Object>> rows = bySymbol.entrySet().stream().map(e -> Map.<String, Object>of("symbol", e.getKey(),
                "cells", columns.stream().map(day -> {
                    Double n = e.getValue().get(day);
                    String cls = n == null ? "" : n > 15 ? "alert" : (n < 4 || n > 8) ? "warn" : "";
                    return Map.of("value", ReportText.number(n), "cls", cls);
                }).toList())).toList();
        return Map.of("days", columns.stream().map(LocalDate::toString).toList(), "rows", rows,
                "any", !rows.isEmpty());
    }

    private static Map<String, Object> trend(Trend t, boolean charts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", t.metric());
        m.put("statistic", t.limits().statistic());
        m.put("min", ReportText.number(t.points().stream().mapToDouble(Trend.Point::value).min().orElse(Double.NaN)));
        m.put("max", ReportText.number(t.points().stream().mapToDouble(Trend.Point::value).max().orElse(Double.NaN)));
        m.put("last", t.points().isEmpty() ? "" : ReportText.number(t.points().get(t.points().size() - 1).value()));
        MetricLimits l = t.limits();
        m.put("normal", l.normalLow() == null ? "-" : ReportText.number(l.normalLow()) + " .. " + ReportText.number(l.normalHigh()));
        m.put("alert", l.alertAbove() != null ? "> " + ReportText.number(l.alertAbove())
                : l.alertBelow() != null ? "< " + ReportText.number(l.alertBelow()) : "-");
        if (charts) {
            m.put("svg", TrendChart.svg(t));
        }
        return m;
    }

    static Map<String, Object> problem(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("stage", p.stage());
        m.put("severity", p.severity().name());
        m.put("symbol", p.symbol().isEmpty() ? "-" : p.symbol());
        m.put("metric", p.metric().isEmpty() ? "-" : p.metric());
        m.put("title", p.title());
        m.put("firstSeen", p.firstSeen().toString());
        m.put("lastSeen", p.lastSeen().toString());
        m.put("state", p.open() ? "OPEN" : "resolved");
        m.put("solution", p.open() ? "-" : p.resolution().solution() + " (" + p.resolution().by() + ", " + p.resolution().at() + ")");
        return m;
    }

    static Map<String, Object> statement(Attestation a) {
        return Map.of("stage", a.stage(), "check", a.check(), "value", ReportText.yesNo(a.value()), "by", a.by(),
                "at", a.at().toString(), "note", a.note().isBlank() ? "-" : a.note());
    }
}
