package io.graygate.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A report as stored in {@code report_export}, without its bytes.
 *
 * @param kind "evaluation" (one stage evaluation) or "release"
 * @param path the file it was written to; empty when the service stored it without a file
 */
public record StoredReport(long id, String kind, String release, LocalDate asOf, ReportFormat format, String sha256,
                           String sourceSha256, List<Long> evaluationIds, String path, String exportedBy,
                           Instant createdAt) {
    public StoredReport {
        evaluationIds = List.copyOf(evaluationIds);
    }
}
