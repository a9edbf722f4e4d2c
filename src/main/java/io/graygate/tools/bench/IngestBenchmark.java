package io.graygate.tools.bench;

import io.graygate.platform.config.MetricCatalogue;
import io.graygate.intake.IngestReport;
import io.graygate.intake.Ingester;
import io.graygate.platform.Database;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * graygate's ingest against raw COPY of the same CSV file, in the same database and the same run:
 * COPY into a bare table (what psql \copy does over the same protocol), COPY into a table with a
 * unique index over the text key (the naive schema), and graygate's validated, idempotent load: first of a
 * day nothing is stored for (the daily file; built as a new partition), then the same file again (every row
 * a duplicate, through the keyed insert).
 */
public final class IngestBenchmark {
    static final List<String> METRICS = List.of("activity", "zscore", "ofi_signal_quality", "cvd_signal_quality",
            "mode_switch_count", "strategy_return", "active_strategy_return");

    private final Database db;
    private final MetricCatalogue catalogue;

    public IngestBenchmark(Database db, MetricCatalogue catalogue) {
        this.db = db;
        this.catalogue = catalogue;
    }

    /** One measured load: rows and seconds. */
    public record Run(String name, long rows, double seconds) {
        public double rowsPerSecond() {
            return rows / seconds;
        }
    }

    /** graygate's first load is of a day nothing is stored for; the second is the same file again. */
    public record Result(long rows, Run bareCopy, Run indexedCopy, Run graygate, Run graygateAgain) {
        public List<Run> runs() {
            return List.of(bareCopy, indexedCopy, graygate, graygateAgain);
        }
    }

    /** The first UTC day from {@code from} on that holds no sample (has no partition), so the load is a new day. */
    public static LocalDate firstEmptyDay(Jdbi jdbi, LocalDate from) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT min(d)::date FROM generate_series(CAST(:from AS date), CAST(:from AS date) + 3650, interval '1 day') d
                        WHERE to_regclass(quote_ident(graygate_sample_partition_name(d::date))) IS NULL""")
                .bind("from", from).mapTo(LocalDate.class).one());
    }

    /** Writes symbols x minutes x 7 metrics rows of one-minute samples, starting at {@code start}. */
    public static long writeCsv(Path file, int symbols, int minutes, Instant start) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("ts,metric,value,symbol,source\n");
            for (int minute = 0; minute < minutes; minute++) {
                String ts = start.plusSeconds(60L * minute).toString();
                for (int s = 0; s < symbols; s++) {
                    String symbol = "SYM" + s + "USDT";
                    for (String metric : METRICS) {
                        double value = metric.equals("mode_switch_count") ? random.nextInt(3) : random.nextDouble();
                        out.write(ts + "," + metric + "," + String.format(Locale.ROOT, "%.5f", value) + "," + symbol + ",bench\n");
                        rows++;
                    }
                }
            }
        }
        return rows;
    }

    public Result run(Path csv, long rows) throws IOException, SQLException {
        prepareRawTables();
        Run bare = copy("raw COPY, bare table", csv, rows, "bench_raw");
        Run indexed = copy("raw COPY, unique index on text key", csv, rows, "bench_raw_indexed");
        Run ours = graygate("graygate ingest, a new day", csv, rows);
        Run again = graygate("graygate ingest, same file again (keyed)", csv, rows);
        return new Result(rows, bare, indexed, ours, again);
    }

    private Run graygate(String name, Path csv, long rows) {
        long started = System.nanoTime();
        IngestReport report = new Ingester(db.jdbi(), catalogue).ingestFile(csv);
        double seconds = (System.nanoTime() - started) / 1e9;
        long accounted = report.accepted() + report.duplicates();
        if (accounted != rows) {
            throw new IllegalStateException(name + " stored or recognised " + accounted + " rows, expected " + rows);
        }
        return new Run(name, accounted, seconds);
    }

    private void prepareRawTables() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_raw, bench_raw_indexed");
            st.execute("CREATE TABLE bench_raw (ts timestamptz, metric text, value float8, symbol text, source text)");
            st.execute("CREATE TABLE bench_raw_indexed (ts timestamptz, metric text, value float8, symbol text, source text, "
                    + "UNIQUE (metric, symbol, source, ts))");
        }
    }

    private Run copy(String name, Path csv, long rows, String table) throws IOException, SQLException {
        try (Connection c = db.dataSource().getConnection();
             Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            long started = System.nanoTime();
            long copied = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (ts, metric, value, symbol, source) FROM STDIN (FORMAT csv, HEADER true)", reader);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (copied != rows) {
                throw new IllegalStateException(name + " copied " + copied + " rows, expected " + rows);
            }
            return new Run(name, copied, seconds);
        }
    }
}
