package io.graygate.reporting;

import io.graygate.platform.Json;

import java.nio.charset.StandardCharsets;

/** Renders a {@link StageReport} in any format; all formats share the model and its SHA-256. */
public final class StageReportRenderer {
    private StageReportRenderer() {
    }

    /** The SHA-256 of the model as JSON: the same stored evaluation always gives the same value. */
    public static String sourceSha256(StageReport report) {
        return Hashes.sha256(Json.write(report).getBytes(StandardCharsets.UTF_8));
    }

    public static RenderedReport render(StageReport report, ReportFormat format) {
        String source = sourceSha256(report);
        byte[] content = switch (format) {
            case md -> utf8(Templates.markdown("stage.md.mustache", StageReportView.of(report, source, false)));
            case html -> utf8(html(report, source));
            case pdf -> PdfRenderer.fromHtml(html(report, source));
            case csv -> utf8(CsvRenderer.stage(report));
        };
        return new RenderedReport("evaluation", report.header().release(), report.header().asOf(), format, content,
                source, report.evaluationIds());
    }

    private static String html(StageReport report, String source) {
        return Templates.html("stage.html.mustache", StageReportView.of(report, source, true));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
