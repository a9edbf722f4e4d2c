package io.graygate.modeswitch;

import io.graygate.rules.RuleSet;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays the benchmark data through the DRL path (SQL runs + hysteresis.drl) and through
 * {@link PlainHysteresis} reading every row from PostgreSQL, end to end; and measures the per-window
 * decision latency of a streaming session.
 */
public final class HysteresisBench {
    private static final String ROWS_SQL = """
            SELECT se.symbol, x.ts, x.value
            FROM sample x JOIN series se ON se.id = x.series_id
            WHERE x.series_id = ANY(:ids) AND x.ts >= :from AND x.ts < :until
            ORDER BY x.series_id, x.ts
            """;

    /** The figures of one benchmark run. */
    public record Result(long windows, long drlSwitches, long plainSwitches, double drlSeconds, double plainSeconds,
                         long streamedWindows, double p50Micros, double p99Micros) {

        public double drlWindowsPerSecond() {
            return windows / drlSeconds;
        }

        public double plainWindowsPerSecond() {
            return windows / plainSeconds;
        }
    }

    private final Jdbi jdbi;
    private final RuleSet rules;
    private final BenchData data;
    private final HysteresisParams params;

    public HysteresisBench(Jdbi jdbi, RuleSet rules, BenchData data, HysteresisParams params) {
        this.jdbi = jdbi;
        this.rules = rules;
        this.data = data;
        this.params = params;
    }

    public Result run(LocalDate from, LocalDate to, int streamedDays) {
        List<String> symbols = data.symbolNames();
        long windows = symbols.size() * data.windowsPerSymbol();
        long t0 = System.nanoTime();
        ModeTimeline drl = new ModeReplayer(jdbi, rules).replay("bench", "bench", symbols, params, from, to);
        long t1 = System.nanoTime();
        long plain = plainSwitches(symbols, from, to);
        long t2 = System.nanoTime();
        double[] latency = streamingLatency(symbols, streamedDays);
        return new Result(windows, drl.switches().size(), plain, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                latency.length, percentile(latency, 0.50), percentile(latency, 0.99));
    }

    private long plainSwitches(List<String> symbols, LocalDate from, LocalDate to) {
        Map<String, PlainHysteresis> machines = new HashMap<>();
        long[] switches = new long[1];
        jdbi.useTransaction(h -> {
            List<Integer> ids = h.createQuery("SELECT id FROM series WHERE metric = 'activity' AND source = :source "
                            + "AND symbol = ANY(:symbols)").bind("source", BenchData.SOURCE)
                    .bindArray("symbols", String.class, symbols).mapTo(Integer.class).list();
            h.createQuery(ROWS_SQL).bindArray("ids", Integer.class, ids)
                    .bind("from", Timestamp.from(startOf(from))).bind("until", Timestamp.from(startOf(to.plusDays(1))))
                    .setFetchSize(50_000)
                    .scanResultSet((supplier, ctx) -> {
                        var rs = supplier.get();
                        while (rs.next()) {
                            String symbol = rs.getString(1);
                            PlainHysteresis m = machines.computeIfAbsent(symbol, s -> new PlainHysteresis(s, params));
                            if (m.step(rs.getTimestamp(2).toInstant(), rs.getDouble(3)).isPresent()) {
                                switches[0]++;
                            }
                        }
                        return null;
                    });
        });
        return switches[0];
    }

    /** Feeds the first days of every symbol window by window, interleaved by time, timing each decision. */
    private double[] streamingLatency(List<String> symbols, int days) {
        int perSymbol = (int) Math.min(data.windowsPerSymbol(), java.time.Duration.ofDays(days).dividedBy(params.window()));
        double[][] activity = new double[symbols.size()][];
        for (int s = 0; s < symbols.size(); s++) {
            activity[s] = data.activity(s + 1);
        }
        Instant start = data.start();
        double[] micros = new double[perSymbol * symbols.size()];
        int n = 0;
        try (HysteresisSession session = new HysteresisSession(rules, params)) {
            for (int w = 0; w < perSymbol; w++) {
                Instant ts = start.plus(params.window().multipliedBy(w));
                for (int s = 0; s < symbols.size(); s++) {
                    long t = System.nanoTime();
                    session.feed(ActivityRun.single(symbols.get(s), params.bandOf(activity[s][w]), ts));
                    micros[n++] = (System.nanoTime() - t) / 1e3;
                }
            }
        }
        return micros;
    }

    private static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(p * sorted.length) - 1];
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
