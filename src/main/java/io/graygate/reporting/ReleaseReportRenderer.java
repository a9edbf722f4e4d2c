package io.graygate.reporting;

import io.graygate.platform.Json;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a {@link ReleaseReport} in any format from the one model. */
public final class ReleaseReportRenderer {
    private ReleaseReportRenderer() {
    }

    public static String sourceSha256(ReleaseReport report) {
        return Hashes.sha256(Json.write(report).getBytes(StandardCharsets.UTF_8));
    }

    public static RenderedReport render(ReleaseReport report, ReportFormat format) {
        String source = sourceSha256(report);
        byte[] content = switch (format) {
            case md -> Templates.markdown("release.md.mustache", view(report, source)).getBytes(StandardCharsets.UTF_8);
            case html -> html(report, source).getBytes(StandardCharsets.UTF_8);
            case pdf -> PdfRenderer.fromHtml(html(report, source));
            case csv -> csv(report).getBytes(StandardCharsets.UTF_8);
        };
        return new RenderedReport("release", report.release(), report.asOf(), format, content, source,
                report.evaluationIds());
    }

    private static String html(ReleaseReport report, String source) {
        return Templates.html("release.html.mustache", view(report, source));
    }

    static Map<String, Object> view(ReleaseReport r, String source) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("title", (r.finished() ? "Final gray release report: " : "Gray release report (in progress): ")
                + r.release() + " as of " + r.asOf());
        v.put("r", r);
        v.put("chain", r.chain().describe());
        v.put("chainClass", r.chain().intact() ? "met" : "notmet");
        v.put("stages", r.stages().stream().map(ReleaseReportRenderer::stage).toList());
        v.put("decisions", r.decisions().stream().map(StageReportView::meeting).toList());
        v.put("hasDecisions", !r.decisions().isEmpty());
        v.put("overrides", r.decisions().stream().filter(MeetingDecision::override).count());
        v.put("criteria", r.criteria().stream().map(c -> Map.of("id", c.id(), "text", c.text(),
                "status", c.status().name(), "cls", c.status().name().toLowerCase(java.util.Locale.ROOT),
                "evidence", c.evidence(), "by", c.confirmedBy().isEmpty() ? "(data)" : c.confirmedBy())).toList());
        v.put("criteriaSummary", Criteria.summary(r.criteria()));
        v.put("problems", r.problems().stream().map(StageReportView::problem).toList());
        v.put("hasProblems", !r.problems().isEmpty());
        v.put("statements", r.statements().stream().map(StageReportView::statement).toList());
        v.put("hasStatements", !r.statements().isEmpty());
        v.put("lessons", r.lessons());
        v.put("hasLessons", !r.lessons().isEmpty());
        v.put("rulesets", r.rulesetSha256s());
        v.put("sourceIds", r.evaluationIds().isEmpty() ? "none"
                : "#" + r.evaluationIds().get(0) + " .. #" + r.evaluationIds().get(r.evaluationIds().size() - 1)
                        + " (" + r.evaluationIds().size() + ")");
        v.put("sourceSha256", source);
        v.put("checkCommand", "graygate report --release --as-of " + r.asOf() + " --format md");
        return v;
    }

    private static Map<String, Object> stage(StageHistory s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", s.stage());
        m.put("number", s.number());
        m.put("started", s.started() == null ? "-" : s.started().toString());
        m.put("evaluations", s.evaluations());
        m.put("holds", s.holds());
        m.put("advanced", s.advancedOn().isEmpty() ? "-" : s.advancedOn().stream().map(Object::toString).collect(Collectors.joining(", ")));
        m.put("rolledBack", s.rolledBack().isEmpty() ? "-" : s.rolledBack().stream().map(Object::toString).collect(Collectors.joining(", ")));
        m.put("last", s.lastDecision() + (s.lastEvaluationId() == null ? "" : " (#" + s.lastEvaluationId() + ")"));
        m.put("approvals", s.approvals().isEmpty() ? "-" : String.join("; ", s.approvals()));
        m.put("rulings", s.rulings().isEmpty() ? "-" : String.join("; ", s.rulings()));
        m.put("lifecycle", s.lifecycle().isEmpty() ? "-" : String.join("; ", s.lifecycle()));
        return m;
    }

    /** The criteria and the stage history as one CSV table, cells neutralised against formula injection. */
    static String csv(ReleaseReport r) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            csv.printRecord(CsvRenderer.safe("record", "id", "text", "status", "evidence", "confirmed_by"));
            for (Criterion c : r.criteria()) {
                csv.printRecord(CsvRenderer.safe("criterion", c.id(), c.text(), c.status().name(), c.evidence(), c.confirmedBy()));
            }
            for (StageHistory s : r.stages()) {
                Map<String, Object> m = stage(s);
                csv.printRecord(CsvRenderer.safe("stage", s.stage(), "started " + m.get("started") + "; advanced "
                        + m.get("advanced") + "; rolled back " + m.get("rolledBack"), s.lastDecision(),
                        s.evaluations() + " evaluations, " + s.holds() + " holds", m.get("approvals")));
                for (String event : s.lifecycle()) {
                    csv.printRecord(CsvRenderer.safe("lifecycle", s.stage(), event, "", "", ""));
                }
            }
            for (MeetingDecision d : r.decisions()) {
                csv.printRecord(CsvRenderer.safe("meeting", "#" + d.evaluationId(), d.stage() + " as of " + d.asOf()
                        + ": recommendation " + d.recommendation(), d.ruling(), d.reason() + " (at " + d.at() + ")", d.by()));
            }
            csv.printRecord(CsvRenderer.safe("audit", "chain", r.chain().describe(), r.chain().intact() ? "intact" : "BROKEN",
                    "", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
