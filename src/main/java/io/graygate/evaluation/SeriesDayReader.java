package io.graygate.evaluation;

import org.jdbi.v3.core.Handle;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads samples as one {@link Part} per series and UTC day: one pass over the sample table without a join,
 * one query per day grouped by series id alone, so PostgreSQL aggregates in primary-key order without sorting
 * the rows (only each series-day's values, for its top list).
 */
final class SeriesDayReader {
    record SeriesDay(int seriesId, LocalDate day, Part part) {
    }

    /** The top list's length is Part.topsToKeep, computed in SQL from the same constants. */
    private static final String PARTS_SQL = """
            SELECT x.series_id, count(*) AS samples, sum(x.value) AS total, min(x.value) AS low,
                   max(x.value) AS high, var_pop(x.value) AS variance,
                   (array_agg(x.value ORDER BY x.value DESC))[1 : ceil(%s * count(*))::int + %d] AS tops
            FROM sample x
            WHERE x.series_id = ANY(:ids) AND x.ts >= :from AND x.ts < :until
            GROUP BY x.series_id
            """.formatted(Part.TOP_SHARE, Part.TOP_EXTRA);
    private static final String PERCENTILE_SQL = """
            SELECT percentile_cont(:fraction) WITHIN GROUP (ORDER BY x.value)
            FROM sample x
            WHERE x.series_id = ANY(:ids) AND x.ts >= :from AND x.ts < :until
            """;

    private SeriesDayReader() {
    }

    /** Every series-day with samples in [from, until). */
    static List<SeriesDay> read(Handle handle, List<Integer> ids, Instant from, Instant until) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return keyOrdered(handle, h -> {
            List<SeriesDay> parts = new ArrayList<>();
            for (LocalDate day = dayOf(from); startOf(day).isBefore(until); day = day.plusDays(1)) {
                LocalDate current = day;
                parts.addAll(h.createQuery(PARTS_SQL)
                        .bindArray("ids", Integer.class, ids)
                        .bind("from", Timestamp.from(latest(from, startOf(day))))
                        .bind("until", Timestamp.from(earliest(until, startOf(day.plusDays(1)))))
                        .map((rs, ctx) -> new SeriesDay(rs.getInt("series_id"), current, part(rs)))
                        .list());
            }
            return parts;
        });
    }

    /** percentile_cont over the raw samples, for a group whose parts' top lists could not decide it. */
    static double percentile(Handle handle, double fraction, List<Integer> ids, Instant from, Instant until) {
        return keyOrdered(handle, h -> h.createQuery(PERCENTILE_SQL)
                .bind("fraction", fraction)
                .bindArray("ids", Integer.class, ids)
                .bind("from", Timestamp.from(from)).bind("until", Timestamp.from(until))
                .mapTo(Double.class).one());
    }

    /**
     * Two planner settings for this transaction only (SET LOCAL). The cost estimate for a day of samples passes
     * jit_above_cost, and compiling the expressions took longer (0.4-0.6 s) than the query saved. And with the
     * default random_page_cost (4, a spinning disk's) a group that is a minority of a large day partition was
     * read by a parallel sequential scan and sorted on disk by series (6.6 s for 2.5 M of 60 M rows) instead of
     * the primary-key scan that yields each series' rows in order (1.3 s); 1.1 is the usual value for data in
     * memory or on SSD.
     */
    private static <T> T keyOrdered(Handle handle, org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
        return handle.inTransaction(h -> {
            h.execute("SET LOCAL jit = off");
            h.execute("SET LOCAL random_page_cost = 1.1");
            return work.withHandle(h);
        });
    }

    private static Part part(ResultSet rs) throws SQLException {
        long count = rs.getLong("samples");
        Array array = rs.getArray("tops");
        Object[] boxed = (Object[]) array.getArray();
        double[] tops = new double[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            tops[i] = ((Number) boxed[i]).doubleValue();
        }
        array.free();
        return new Part(count, rs.getDouble("total"), rs.getDouble("low"), rs.getDouble("high"),
                rs.getDouble("variance") * count, tops);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate dayOf(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
