package io.graygate.reporting;

import io.graygate.audit.EvaluationDao;
import io.graygate.platform.config.ReleaseConfig;
import org.jdbi.v3.core.Jdbi;

import java.time.LocalDate;
import java.util.Optional;

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

    /**
     * The day of the release's last stored evaluation: where a release report ends when no day is asked for,
     * so that its period is the release's and not the calendar's.
     */
    public Optional<LocalDate> lastEvaluationDay() {
        return new EvaluationDao(jdbi).lastAsOf(release.name());
    }

    /** The release report with everything up to and including {@code asOf}. */
    public RenderedReport release(LocalDate asOf, ReportFormat format) {
        return ReleaseReportRenderer.render(new ReleaseReportLoader(jdbi).load(release, asOf), format);
    }
}
