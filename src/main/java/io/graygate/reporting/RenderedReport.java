package io.graygate.reporting;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A report in one format, ready to store and write.
 *
 * @param sourceSha256 the SHA-256 of the report model it was rendered from (printed in the report)
 */
public record RenderedReport(String kind, String release, java.time.LocalDate asOf, ReportFormat format,
                             byte[] content, String sourceSha256, List<Long> evaluationIds) {

    public String sha256() {
        return Hashes.sha256(content);
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
