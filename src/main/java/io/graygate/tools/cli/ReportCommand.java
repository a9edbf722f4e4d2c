package io.graygate.tools.cli;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.reporting.RenderedReport;
import io.graygate.reporting.ReportArchive;
import io.graygate.reporting.ReportBuilder;
import io.graygate.reporting.ReportFormat;
import io.graygate.platform.Database;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "report", description = {"Export the report of one stored evaluation, or of the whole release so far,",
        "as Markdown, HTML (self-contained), PDF or CSV. Built from stored evaluations, never by running the rules",
        "again; every export is stored (format, SHA-256, content) in the audit."})
final class ReportCommand implements Callable<Integer> {

    // Not the CommonOptions mixin: there --release names the release file, here it asks for the release report.
    @Mixin
    DatabaseOptions database;

    @Option(names = "--release-file", paramLabel = "FILE", description = "release file (default: config/release.yaml)")
    Path releaseFile;

    @Option(names = "--verbose", description = "debug logging and stack traces")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Subject subject;

    static final class Subject {
        @Option(names = "--evaluation", paramLabel = "ID", description = "the stored evaluation to report")
        Long evaluation;

        @Option(names = "--release", arity = "0", description = "the whole release so far (the final report once stage 3 is done)")
        boolean release;
    }

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "release report: last day to include "
            + "(default: the day of the release's last stored evaluation)")
    LocalDate asOf;

    @Option(names = "--format", defaultValue = "md", description = "md, html, pdf or csv (default: ${DEFAULT-VALUE})")
    ReportFormat format;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write it (default: GRAYGATE_HOME/reports/"
            + "GRAY_RELEASE_REPORT_<DATE>.<format> for the release, GRAYGATE_HOME/reports/evaluation-<ID>.<format> "
            + "for an evaluation; GRAYGATE_HOME defaults to ~/.graygate)")
    Path out;

    @Override
    public Integer call() {
        CommonOptions common = new CommonOptions();
        common.database = database;
        common.releaseFile = releaseFile;
        ReleaseConfig release = common.release();
        try (Database db = common.openDatabase()) {
            RenderedReport report = render(db, release);
            Path file = out != null ? out : defaultPath(report);
            long exportId = new ReportArchive(db.jdbi()).export(report, file, "cli:report");
            spec.commandLine().getOut().println("wrote " + file + " (" + format + ", SHA-256 " + report.sha256()
                    + ", export #" + exportId + ", from evaluation(s) " + report.evaluationIds() + ")");
        }
        return 0;
    }

    private RenderedReport render(Database db, ReleaseConfig release) {
        ReportBuilder reports = new ReportBuilder(db.jdbi(), release);
        if (subject.evaluation != null) {
            return reports.evaluation(subject.evaluation, format);
        }
        return reports.release(asOf != null ? asOf : reports.lastEvaluationDay().orElse(LocalDate.now(ZoneOffset.UTC)), format);
    }

    private Path defaultPath(RenderedReport report) {
        if (subject.evaluation != null) {
            return CommonOptions.home().resolve("reports/evaluation-" + subject.evaluation + "." + format);
        }
        return CommonOptions.home().resolve("reports/GRAY_RELEASE_REPORT_" + report.asOf() + "." + format);
    }
}
