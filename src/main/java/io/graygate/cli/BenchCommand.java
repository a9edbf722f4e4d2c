package io.graygate.cli;

import io.graygate.bench.IngestBenchmark;
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
import java.time.Instant;
import java.util.Map;

@Command(name = "bench", description = {"Benchmarks that print ratios against a baseline measured in the same run.",
        "They use their own embedded database (graygate_bench) unless --db-url is given."})
final class BenchCommand {
    @Spec
    CommandSpec spec;

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
}
