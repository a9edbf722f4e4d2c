package io.graygate.cli;

import io.graygate.bench.IngestBenchmark;
import io.graygate.hysteresis.BenchData;
import io.graygate.hysteresis.HysteresisBench;
import io.graygate.hysteresis.HysteresisParams;
import io.graygate.hysteresis.HysteresisRules;
import io.graygate.store.Database;
import io.graygate.store.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

@Command(name = "bench", description = "Benchmarks (not tests): figures for docs/PERFORMANCE.md.")
final class BenchCommand {
    private static final LocalDate START = LocalDate.of(2026, 1, 1);

    @Spec
    CommandSpec spec;

    @Command(name = "hysteresis", description = {"Write SYMBOLS x DAYS of one-minute activity into the configured database",
            "(once), replay it through rules/hysteresis.drl and through the plain-Java state machine, end to end",
            "from PostgreSQL, and time per-window decisions in a streaming session. Use a database of its own."})
    int hysteresis(@Mixin CommonOptions common,
                   @Option(names = "--symbols", defaultValue = "500") int symbols,
                   @Option(names = "--days", defaultValue = "30") int days,
                   @Option(names = "--stream-days", defaultValue = "1",
                           description = "days of every symbol fed window by window for the latency") int streamDays,
                   @Option(names = "--min-active", defaultValue = "3") int minActive,
                   @Option(names = "--min-quiet", defaultValue = "6") int minQuiet) {
        PrintWriter out = spec.commandLine().getOut();
        HysteresisParams params = new HysteresisParams(minActive, minQuiet, 0.6, Duration.ofMinutes(1));
        BenchData data = new BenchData(symbols, days, START.atStartOfDay(ZoneOffset.UTC).toInstant(), params.window());
        var rules = HysteresisRules.load(common.rulesDir());
        try (Database db = common.openDatabase()) {
            long t = System.nanoTime();
            long written = data.ensureStored(db.jdbi());
            out.printf(Locale.ROOT, "data: %d symbols x %d days of 1-minute windows; %s%n", symbols, days,
                    written == 0 ? "already stored" : "wrote " + written + " samples in " + seconds(t) + " s");
            out.flush();
            HysteresisBench.Result r = new HysteresisBench(db.jdbi(), rules, data, params)
                    .run(START, START.plusDays(days - 1L), streamDays);
            print(out, r, params);
        }
        return 0;
    }

    @Command(name = "ingest", description = "graygate ingest vs raw COPY of the same CSV (default 500 symbols x 1 day x 7 metrics = 5.04 M rows).")
    int ingest(@Mixin CommonOptions common,
               @Option(names = "--symbols", defaultValue = "500") int symbols,
               @Option(names = "--minutes", defaultValue = "1440") int minutes) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path home = DatabaseSettings.graygateHome(Map.copyOf(System.getenv()));
        DatabaseSettings settings = common.dbUrl != null ? common.databaseSettings()
                : new DatabaseSettings(null, "postgres", "", home, "graygate_bench");
        Path csv = Files.createTempFile("graygate-bench-", ".csv");
        try (Database db = Database.open(settings)) {
            long rows = IngestBenchmark.writeCsv(csv, symbols, minutes, Instant.parse("2026-01-01T00:00:00Z"));
            out.printf("machine: %d cores, Java %s; database: %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), db.description());
            out.printf("file: %,d rows (%d symbols x %d minutes x %d metrics), %,d bytes%n", rows, symbols, minutes,
                    7, Files.size(csv));
            IngestBenchmark.Result result = new IngestBenchmark(db, common.release().catalogue()).run(csv, rows);
            for (IngestBenchmark.Run run : new IngestBenchmark.Run[] {result.bareCopy(), result.indexedCopy(), result.graygate()}) {
                out.printf("  %-42s %,12d rows %8.2f s %,12.0f rows/s  %5.2fx of bare COPY%n", run.name(), run.rows(),
                        run.seconds(), run.rowsPerSecond(), run.rowsPerSecond() / result.bareCopy().rowsPerSecond());
            }
        } finally {
            Files.deleteIfExists(csv);
        }
        return 0;
    }

    private static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9);
    }

    private static void print(PrintWriter out, HysteresisBench.Result r, HysteresisParams p) {
        Runtime rt = Runtime.getRuntime();
        out.printf(Locale.ROOT, "machine: %d cores, Java %s, max heap %d MB%n", rt.availableProcessors(),
                System.getProperty("java.version"), rt.maxMemory() >> 20);
        out.printf(Locale.ROOT, "hysteresis: min_active %d, min_quiet %d, threshold %s%n", p.minActiveWindows(),
                p.minQuietWindows(), p.activeThreshold());
        out.printf(Locale.ROOT, "DRL   (SQL runs + hysteresis.drl): %,d windows in %.2f s = %,.0f windows/s, %,d switches%n",
                r.windows(), r.drlSeconds(), r.drlWindowsPerSecond(), r.drlSwitches());
        out.printf(Locale.ROOT, "plain (every row + Java machine):  %,d windows in %.2f s = %,.0f windows/s, %,d switches%n",
                r.windows(), r.plainSeconds(), r.plainWindowsPerSecond(), r.plainSwitches());
        out.printf(Locale.ROOT, "ratio DRL / plain time: %.2f; same switches: %s%n", r.drlSeconds() / r.plainSeconds(),
                r.drlSwitches() == r.plainSwitches() ? "yes" : "NO");
        out.printf(Locale.ROOT, "streaming: %,d windows one by one, decision latency P50 %.1f us, P99 %.1f us%n",
                r.streamedWindows(), r.p50Micros(), r.p99Micros());
    }
}
