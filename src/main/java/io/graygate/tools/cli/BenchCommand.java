package io.graygate.tools.cli;

import io.graygate.tools.bench.EvaluateBenchmark;
import io.graygate.tools.bench.IngestBenchmark;
import io.graygate.tools.bench.Machine;
import io.graygate.tools.bench.RollbackBenchmark;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.evaluation.StepTimer;
import io.graygate.rules.RuleSet;
import io.graygate.modeswitch.BenchData;
import io.graygate.modeswitch.HysteresisBench;
import io.graygate.modeswitch.HysteresisParams;
import io.graygate.modeswitch.HysteresisRules;
import io.graygate.platform.Database;
import io.graygate.platform.DatabaseSettings;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(mixinStandardHelpOptions = true, name = "bench", description = "Benchmarks (not tests): figures for docs/PERFORMANCE.md.")
final class BenchCommand {
    private static final LocalDate START = LocalDate.of(2026, 1, 1);

    @Spec
    CommandSpec spec;

    @Command(mixinStandardHelpOptions = true, name = "hysteresis", description = {"Write SYMBOLS x DAYS of one-minute activity into the configured database",
            "(once), replay it through rules/hysteresis.drl and through the plain-Java state machine, end to end",
            "from PostgreSQL, and time per-window decisions in a streaming session. Use a database of its own."})
    int hysteresis(@Mixin CommonOptions common,
                   @Option(names = "--symbols", defaultValue = "500") int symbols,
                   @Option(names = "--days", defaultValue = "30") int days,
                   @Option(names = "--stream-days", defaultValue = "1",
                           description = "days of every symbol fed window by window for the latency") int streamDays,
                   @Option(names = "--min-active", defaultValue = "3") int minActive,
                   @Option(names = "--min-quiet", defaultValue = "6") int minQuiet) {
        requireAtLeastOne("--symbols", List.of(symbols));
        requireAtLeastOne("--days", List.of(days));
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

    @Command(mixinStandardHelpOptions = true, name = "ingest", description = "graygate ingest vs raw COPY of the same CSV (default 500 symbols x 1 day x 7 metrics = 5.04 M rows).")
    int ingest(@Mixin CommonOptions common,
               @Option(names = "--symbols", defaultValue = "500") int symbols,
               @Option(names = "--minutes", defaultValue = "1440") int minutes) throws Exception {
        requireAtLeastOne("--symbols", List.of(symbols));
        requireAtLeastOne("--minutes", List.of(minutes));
        PrintWriter out = spec.commandLine().getOut();
        Path csv = Files.createTempFile("graygate-bench-", ".csv");
        try (Database db = benchDatabase(common)) {
            LocalDate day = IngestBenchmark.firstEmptyDay(db.jdbi(), LocalDate.parse("2026-01-01"));
            long rows = IngestBenchmark.writeCsv(csv, symbols, minutes, day.atStartOfDay(ZoneOffset.UTC).toInstant());
            out.println(Machine.describe(db.jdbi()).line() + "; database: " + db.description());
            out.printf("file: %,d rows (%d symbols x %d minutes x %d metrics), %,d bytes, from %s (no samples stored that day)%n",
                    rows, symbols, minutes, 7, Files.size(csv), day);
            IngestBenchmark.Result result = new IngestBenchmark(db, common.release().catalogue()).run(csv, rows);
            for (IngestBenchmark.Run run : result.runs()) {
                out.printf("  %-42s %,12d rows %8.2f s %,12.0f rows/s  %5.2fx of bare COPY%n", run.name(), run.rows(),
                        run.seconds(), run.rowsPerSecond(), run.rowsPerSecond() / result.bareCopy().rowsPerSecond());
            }
        } finally {
            Files.deleteIfExists(csv);
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "evaluate", description = {"The daily evaluation end to end (SQL aggregation, hysteresis replay, rules,",
            "audit write) and its split, at each universe size and each day count: one stage over half the symbols,",
            "the other half its control group, DAYS of one-minute samples of 7 metrics per symbol generated first",
            "(not timed; each day count has symbols of its own)."})
    int evaluate(@Mixin CommonOptions common,
                 @Option(names = "--symbols", defaultValue = "50,500,5000", split = ",") List<Integer> sizes,
                 @Option(names = "--days", defaultValue = "1", split = ",") List<Integer> dayCounts,
                 @Option(names = "--stage", defaultValue = "gray_50pct") String stageName) {
        requireAtLeastOne("--symbols", sizes);
        requireAtLeastOne("--days", dayCounts);
        PrintWriter out = spec.commandLine().getOut();
        ReleaseConfig release = common.release();
        var stage = release.requireStage(stageName);
        RuleSet rules = common.rulesForEvaluation();
        List<Integer> ordered = sizes.stream().sorted().toList();
        List<EvaluateBenchmark> benches = new ArrayList<>();
        try (Database db = benchDatabase(common)) {
            out.println(Machine.describe(db.jdbi()).line());
            out.flush();
            for (int days : dayCounts.stream().sorted().distinct().toList()) {
                EvaluateBenchmark bench = new EvaluateBenchmark(db.jdbi(), days);
                long t = System.nanoTime();
                int written = bench.ensureStored(ordered.get(ordered.size() - 1));
                out.printf(Locale.ROOT, "data: %d day(s) of one-minute samples, 7 metrics per symbol + 12 system metrics; "
                        + "generated %d symbols in %s s (not timed)%n", days, written, seconds(t));
                out.flush();
                benches.add(bench);
            }
            benches.get(0).run(release, stage, rules, ordered.get(0)); // warm-up: JIT, rule base; stored, not reported
            out.printf(Locale.ROOT, "stage %s over half the symbols, the other half its control group; one warm-up evaluation first%n",
                    stage.name());
            out.printf(Locale.ROOT, "%5s %8s %6s %12s %9s %7s %7s %7s %7s %9s %10s %9s%n", "days", "symbols", "stage",
                    "samples", "total s", "SQL", "modes", "rules", "writes", "decision", "ms/symbol", "evaluation");
            EvaluateBenchmark.Run first = null;
            for (EvaluateBenchmark bench : benches) {
                for (int size : ordered) {
                    EvaluateBenchmark.Run run = bench.run(release, stage, rules, size);
                    first = first == null ? run : first;
                    printRun(out, run, first);
                }
            }
        }
        return 0;
    }

    private static void printRun(PrintWriter out, EvaluateBenchmark.Run run, EvaluateBenchmark.Run first) {
        out.printf(Locale.ROOT, "%5d %8d %6d %,12d %9.3f %6.1f%% %6.1f%% %6.1f%% %6.1f%% %9s %10.3f %9s%n",
                run.days(), run.symbols(), run.stageSymbols(), run.samplesInWindow(), run.seconds(),
                100 * run.share(StepTimer.Step.SQL_AGGREGATION), 100 * run.share(StepTimer.Step.MODE_REPLAY),
                100 * run.share(StepTimer.Step.RULES), 100 * run.share(StepTimer.Step.AUDIT_WRITE),
                run.evaluation().decision(), 1000 * run.seconds() / run.symbols(), "#" + run.evaluation().id());
        out.printf(Locale.ROOT, "               growth vs %d day(s) x %d symbols: %.1fx the days, %.1fx the symbols, "
                        + "%.2fx the samples, %.2fx the time; %d facts, %d firings stored%n",
                first.days(), first.symbols(), run.days() / (double) first.days(), run.symbols() / (double) first.symbols(),
                run.samplesInWindow() / (double) first.samplesInWindow(), run.seconds() / first.seconds(),
                run.evaluation().facts().size(), run.evaluation().firings().size());
        out.flush();
    }

    @Command(mixinStandardHelpOptions = true, name = "rollback", description = {"Starts the HTTP API on a free port over the bench database and AGENTS",
            "graygate agents (threads, real HTTP, own env files, apply command `true`), then RUNS times: stage 1 started",
            "and applied by every agent (untimed), rolled back through the code `graygate rollback` runs, GET /api/state",
            "polled until every symbol is at baseline, and the agents' reports awaited as `rollback --wait` does.",
            "Prints P50/P99/max of command-to-visible and command-to-all-agents-applied. Uses a scratch release."})
    int rollback(@Mixin CommonOptions common, @Option(names = "--runs", defaultValue = "100") int runs,
                 @Option(names = "--agents", defaultValue = "10") int agents) throws Exception {
        requireAtLeastOne("--runs", List.of(runs));
        if (agents < 0) {
            throw new IllegalArgumentException("--agents " + agents + ": must be 0 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        // pooled like `graygate serve`, whose API this stands for
        try (Database db = Database.openPooled(benchSettings(common), ServeCommand.SERVICE_CONNECTIONS)) {
            out.println(Machine.describe(db.jdbi()).line() + "; " + db.description());
            out.flush();
            RollbackBenchmark.Result r = new RollbackBenchmark(db, common.release(), common.rulesDir()).run(runs, agents);
            out.printf(Locale.ROOT, "release %s, API on port %d, %d symbols; %d rollbacks stored, %d polls of GET /api/state%n",
                    r.scratchRelease(), r.port(), common.release().universe().size(), r.rollbacksStored(), r.polls());
            printDistribution(out, "rollback command (INSERT committed)", r.commandNanos());
            printDistribution(out, "command to visible over HTTP", r.visibleNanos());
            if (r.agents() > 0) {
                printDistribution(out, "command to all " + r.agents() + " agents applied", r.effectiveNanos());
            }
        }
        return 0;
    }

    /** Sizes, counts and days of zero or less measure nothing: refused before anything is written. */
    private static void requireAtLeastOne(String option, List<Integer> values) {
        for (int value : values) {
            if (value < 1) {
                throw new IllegalArgumentException(option + " " + value + ": must be 1 or more");
            }
        }
    }

        private static void printDistribution(PrintWriter out, String what, long[] sorted) {
        out.printf(Locale.ROOT, "%-38s P50 %8.2f ms  P99 %8.2f ms  max %8.2f ms  (n=%d)%n", what,
                RollbackBenchmark.Result.millis(sorted, 0.50), RollbackBenchmark.Result.millis(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    /** The configured database, or an embedded one of its own (graygate_bench) so benchmarks never touch real data. */
    private static Database benchDatabase(CommonOptions common) {
        return Database.open(benchSettings(common));
    }

    private static DatabaseSettings benchSettings(CommonOptions common) {
        Path home = DatabaseSettings.graygateHome(Map.copyOf(System.getenv()));
        return common.database.url != null ? common.databaseSettings()
                : new DatabaseSettings(null, "postgres", "", home, "graygate_bench");
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
