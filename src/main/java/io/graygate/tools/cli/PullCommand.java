package io.graygate.tools.cli;

import io.graygate.platform.config.MetricCatalogue;
import io.graygate.intake.Ingester;
import io.graygate.intake.prometheus.EntryResult;
import io.graygate.intake.prometheus.PromMapping;
import io.graygate.intake.prometheus.PromMappingLoader;
import io.graygate.intake.prometheus.PrometheusClient;
import io.graygate.intake.prometheus.PrometheusPuller;
import io.graygate.intake.prometheus.PullCursors;
import io.graygate.intake.prometheus.PullException;
import io.graygate.intake.prometheus.PullReport;
import io.graygate.intake.prometheus.PullSettings;
import io.graygate.platform.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

@Command(mixinStandardHelpOptions = true, name = "pull", description = "Pull metric samples from a monitoring system.")
final class PullCommand {
    @Spec
    CommandSpec spec;

    @Command(mixinStandardHelpOptions = true, name = "prometheus", description = {
            "Pull samples with range queries from a Prometheus, entry by entry of the mapping file (config/prometheus.yaml).",
            "Each entry's range is cut into chunks of at most --chunk-points points per series; each chunk is one ingest transaction.",
            "Idempotent: pulling a range again stores only what is new. Rejected points are printed with their query and timestamp.",
            "Exit 0 done, 1 points were rejected, 2 a query failed (the other entries still ran)."})
    int prometheus(@Mixin CommonOptions common,
                   @Option(names = "--url", required = true, description = "Prometheus base URL, e.g. http://127.0.0.1:9090") String url,
                   @Option(names = "--from", required = true, converter = TimeConverter.class,
                           description = "first time (ISO-8601 with offset, or YYYY-MM-DD = that day 00:00 UTC)") Instant from,
                   @Option(names = "--to", required = true, converter = TimeConverter.class,
                           description = "last time, inclusive; later than now is cut to now") Instant to,
                   @Option(names = "--mapping", paramLabel = "FILE", description = "mapping file (default: config/prometheus.yaml)") Path mappingFile,
                   @Option(names = "--step", converter = StepConverter.class,
                           description = "resolution for every entry, e.g. 1m (default: each entry's step)") Duration step,
                   @Option(names = "--chunk-points", defaultValue = "" + PullSettings.DEFAULT_CHUNK_POINTS,
                           description = "points per series per range query, 1 to 11000 (default: ${DEFAULT-VALUE})") int chunkPoints,
                   @Option(names = "--timeout", converter = StepConverter.class, defaultValue = "30s",
                           description = "per HTTP request (default: ${DEFAULT-VALUE})") Duration timeout) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        MetricCatalogue catalogue = common.release().catalogue();
        List<PromMapping> mappings = PromMappingLoader.load(
                mappingFile != null ? mappingFile : CommonOptions.base().resolve("config/prometheus.yaml"), catalogue);
        if (step != null) {
            mappings = mappings.stream().map(m -> new PromMapping(m.key(), m.metric(), m.query(), m.symbolLabel(), m.source(), step)).toList();
        }
        try (Database db = common.openDatabase()) {
            PrometheusPuller puller = new PrometheusPuller(new PrometheusClient(url, timeout),
                    new Ingester(db.jdbi(), catalogue), new PullCursors(db.jdbi()), chunkPoints, Clock.systemUTC());
            PullReport report = puller.pull(mappings, from, to);
            for (EntryResult entry : report.entries()) {
                entry.rejections().forEach(r -> err.println("rejected: " + r));
                entry.conflictDetails().forEach(c -> err.println("conflict: " + c));
                out.println(entry.summary());
            }
            out.println(report.summary());
            return report.anyFailed() ? Main.EXIT_ERROR : report.anyRejected() ? 1 : 0;
        } catch (PullException e) {
            err.println("graygate: " + e.getMessage());
            return Main.EXIT_ERROR;
        }
    }

    static final class TimeConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String text) {
            try {
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a time; expected 2026-03-06T10:00:00Z or 2026-03-06");
            }
        }
    }

    static final class StepConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return PullSettings.parseDuration(text);
        }
    }
}
