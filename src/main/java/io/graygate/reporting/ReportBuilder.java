package io.graygate.reporting;

import io.graygate.platform.config.ReleaseConfig;
import org.jdbi.v3.core.Jdbi;

import java.time.LocalDate;

/** Builds a report from stored rows, for the CLI and the service alike. */
public final class ReportBuilder {
    private final Jdbi jdbi;
    private final ReleaseConfig release;

    public ReportBuilder(Jdbi jdbi, ReleaseConfig release) {
        this.jdbi = jdbi;
        this.release = release;
    }

    /** The report of one stored evaluation; IllegalArgumentException when there is no such evaluation. */
    public RenderedReport evaluation(long evaluationId, ReportFormat format) {
        return StageReportRenderer.render(new StageReportLoader(jdbi).load(evaluationId, release.stages().size()), format);
    }

    /** The release report with everything up to and including {@code asOf}. */
    public RenderedReport release(LocalDate asOf, ReportFormat format) {
        return ReleaseReportRenderer.render(new ReleaseReportLoader(jdbi).load(release, asOf), format);
    }
}
