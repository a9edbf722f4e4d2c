package io.graygate.modeswitch;

import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads {@code activity} samples as runs: PostgreSQL puts each window in its {@link Band} of the thresholds
 * and run-length encodes each symbol's windows (gaps and islands), so the rules see a few runs per burst
 * instead of every window. A run ends where the band changes, at UTC midnight (so that the runs also give
 * each day's window count), or where the next sample starts more than one
 * window length after the previous one (a gap: missing windows never count). Several sources reporting the
 * same symbol and window are averaged into one window; when every symbol has a single activity series (the
 * usual case) the query reads each series in its primary-key order and needs no grouping per window.
 */
public final class ActivityRuns {
    /** The band of a window's activity; with equal thresholds it is never BETWEEN. */
    private static final String BAND = """
            CASE WHEN %1$s >= :activeThreshold THEN 'ACTIVE' WHEN %1$s < :quietThreshold THEN 'QUIET'
                 ELSE 'BETWEEN' END""";
    private static final String RUNS_SQL = """
            WITH w AS (
                SELECT se.symbol, x.ts, %s AS band
                FROM sample x JOIN series se ON se.id = x.series_id
                WHERE se.metric = 'activity' AND se.symbol = ANY(:symbols) AND x.ts >= :from AND x.ts < :until
                GROUP BY se.symbol, x.ts
            ), edges AS (
                SELECT symbol, ts, band,
                       CASE WHEN lag(band) OVER s = band AND ts - lag(ts) OVER s <= make_interval(secs => :window)
                            THEN 0 ELSE 1 END AS starts_run
                FROM w WINDOW s AS (PARTITION BY symbol ORDER BY ts)
            ), islands AS (
                SELECT symbol, ts, band, sum(starts_run) OVER (PARTITION BY symbol ORDER BY ts) AS run,
                       (ts AT TIME ZONE 'UTC')::date AS day
                FROM edges
            )
            SELECT symbol, band, min(ts) AS start_ts, max(ts) AS end_ts, count(*) AS windows
            FROM islands GROUP BY symbol, run, band, day
            ORDER BY symbol, start_ts
            """.formatted(BAND.formatted("avg(x.value)"));
    private static final String SINGLE_SERIES_RUNS_SQL = """
            WITH w AS (
                SELECT x.series_id, x.ts, %s AS band
                FROM sample x
                WHERE x.series_id = ANY(:ids) AND x.ts >= :from AND x.ts < :until
            ), edges AS (
                SELECT series_id, ts, band,
                       CASE WHEN lag(band) OVER s = band AND ts - lag(ts) OVER s <= make_interval(secs => :window)
                            THEN 0 ELSE 1 END AS starts_run
                FROM w WINDOW s AS (PARTITION BY series_id ORDER BY ts)
            ), islands AS (
                SELECT series_id, ts, band, sum(starts_run) OVER (PARTITION BY series_id ORDER BY ts) AS run,
                       (ts AT TIME ZONE 'UTC')::date AS day
                FROM edges
            ), runs AS (
                SELECT series_id, band, min(ts) AS start_ts, max(ts) AS end_ts, count(*) AS windows
                FROM islands GROUP BY series_id, run, band, day
            )
            SELECT se.symbol, r.band, r.start_ts, r.end_ts, r.windows
            FROM runs r JOIN series se ON se.id = r.series_id
            ORDER BY r.series_id, r.start_ts
            """.formatted(BAND.formatted("x.value"));
    private static final String SERIES_SQL = """
            SELECT symbol, array_agg(id) AS ids FROM series
            WHERE metric = 'activity' AND symbol = ANY(:symbols) GROUP BY symbol
            """;
    private static final int FETCH_SIZE = 10_000;

    private ActivityRuns() {
    }

    /** Streams the runs, each symbol's in time order; run inside a transaction so the rows come by cursor. */
    public static void stream(Handle handle, List<String> symbols, Instant from, Instant until, HysteresisParams params,
                              Consumer<ActivityRun> sink) {
        List<Integer> ids = new java.util.ArrayList<>();
        boolean single = handle.createQuery(SERIES_SQL).bindArray("symbols", String.class, symbols)
                .map((rs, ctx) -> {
                    Integer[] series = (Integer[]) rs.getArray("ids").getArray();
                    ids.addAll(List.of(series));
                    return series.length == 1;
                }).list().stream().allMatch(Boolean::booleanValue);
        (single ? handle.createQuery(SINGLE_SERIES_RUNS_SQL).bindArray("ids", Integer.class, ids)
                : handle.createQuery(RUNS_SQL).bindArray("symbols", String.class, symbols))
                .bind("activeThreshold", params.activeThreshold()).bind("quietThreshold", params.quietThreshold())
                .bind("from", Timestamp.from(from)).bind("until", Timestamp.from(until))
                .bind("window", (double) params.window().toMillis() / 1000.0)
                .setFetchSize(FETCH_SIZE)
                .map((rs, ctx) -> new ActivityRun(rs.getString("symbol"), Band.valueOf(rs.getString("band")),
                        rs.getTimestamp("start_ts").toInstant(), rs.getTimestamp("end_ts").toInstant(),
                        rs.getInt("windows")))
                .forEach(sink);
    }

}
