package io.graygate.modeswitch;

import io.graygate.platform.SampleDays;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic one-minute activity for the benchmark: per symbol a two-state chain (quiet stretches of about
 * 100 windows, active ones of about 30) with 2% single-window flickers, from a fixed seed. Written once with
 * COPY into series {@code activity / BENCHnnnn / bench}; a second run finds it and reuses it.
 */
public final class BenchData {
    public static final String SOURCE = "bench";
    private static final double STAY_QUIET = 0.99;
    private static final double STAY_ACTIVE = 0.97;
    private static final double FLICKER = 0.02;

    private final int symbols;
    private final int days;
    private final Instant start;
    private final Duration window;

    public BenchData(int symbols, int days, Instant start, Duration window) {
        this.symbols = symbols;
        this.days = days;
        this.start = start;
        this.window = window;
    }

    public List<String> symbolNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= symbols; i++) {
            names.add(String.format("BENCH%04d", i));
        }
        return names;
    }

    public Instant start() {
        return start;
    }

    public long windowsPerSymbol() {
        return Duration.ofDays(days).dividedBy(window);
    }

    /** One symbol's activity values in time order, the same for every run. */
    public double[] activity(int symbolIndex) {
        SplittableRandom random = new SplittableRandom(7_919L * symbolIndex + 1);
        double[] values = new double[(int) windowsPerSymbol()];
        boolean active = false;
        for (int w = 0; w < values.length; w++) {
            active = random.nextDouble() < (active ? STAY_ACTIVE : STAY_QUIET) == active;
            boolean shown = random.nextDouble() < FLICKER != active;
            values[w] = shown ? 0.65 + 0.3 * random.nextDouble() : 0.05 + 0.4 * random.nextDouble();
        }
        return values;
    }

    /** Writes the samples unless they are already there; returns how many rows it wrote. */
    public long ensureStored(Jdbi jdbi) {
        long wanted = symbols * windowsPerSymbol();
        long present = jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM sample x JOIN series se ON se.id = x.series_id
                        WHERE se.metric = 'activity' AND se.source = :source AND se.symbol = ANY(:symbols)""")
                .bind("source", SOURCE).bindArray("symbols", String.class, symbolNames()).mapTo(Long.class).one());
        if (present == wanted) {
            return 0;
        }
        if (present > 0) {
            throw new IllegalStateException("the database holds " + present + " of the " + wanted
                    + " benchmark samples (another --symbols/--days?); use a fresh database");
        }
        List<String> names = symbolNames();
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            jdbi.useTransaction(h -> {
                try {
                    copySymbol(h, names.get(index), activity(index + 1));
                } catch (SQLException e) {
                    throw new io.graygate.platform.DatabaseException("COPY of benchmark samples failed: " + e.getMessage(), e);
                }
            });
        }
        jdbi.useHandle(h -> h.execute("ANALYZE sample"));
        return wanted;
    }

    private void copySymbol(Handle h, String symbol, double[] values) throws SQLException {
        h.createUpdate("INSERT INTO series (metric, symbol, source) VALUES ('activity', :symbol, :source) ON CONFLICT DO NOTHING")
                .bind("symbol", symbol).bind("source", SOURCE).execute();
        int id = h.createQuery("SELECT id FROM series WHERE metric = 'activity' AND symbol = :symbol AND source = :source")
                .bind("symbol", symbol).bind("source", SOURCE).mapTo(Integer.class).one();
        SampleDays.create(h, SampleDays.covering(start, start.plus(window.multipliedBy(values.length))));
        CopyIn copy = h.getConnection().unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY sample (series_id, ts, value, ingest_id) FROM STDIN");
        StringBuilder chunk = new StringBuilder(1 << 20);
        for (int w = 0; w < values.length; w++) {
            chunk.append(id).append('\t').append(start.plus(window.multipliedBy(w))).append('\t')
                    .append(values[w]).append("\t0\n");
            if (chunk.length() > (1 << 20) - 100) {
                write(copy, chunk);
            }
        }
        write(copy, chunk);
        copy.endCopy();
    }

    private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }
}
