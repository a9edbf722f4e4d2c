package io.graygate.ingest;

import io.graygate.store.SampleDays;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/**
 * Moves the staged rows of one load into {@code sample}, which is partitioned by UTC day (V12). A day with
 * no partition yet is built as a table of its own: its rows go in without an index, the primary key is built
 * once over them and the table is attached; that is several times cheaper than the keyed insert. A day that
 * already has a partition, or whose rows repeat a key within the load, takes the keyed insert under
 * {@code ON CONFLICT DO NOTHING}, where the first line of a repeated key wins and existing samples are kept.
 */
final class SampleWriter {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String STAGED_ROWS = "SELECT series_id, ts, value, :run FROM staging_sample";

    private final Handle handle;
    private final long runId;

    SampleWriter(Handle handle, long runId) {
        this.handle = handle;
        this.runId = runId;
    }

    /** How many staged rows were new, and which days were built as new partitions. */
    record Stored(int rows, List<LocalDate> daysBuilt) {
    }

    /** Stores the staged rows of {@code days}. */
    Stored store(SortedSet<LocalDate> days) {
        if (days.isEmpty()) {
            return new Stored(0, List.of());
        }
        // Every day is locked before any is created or attached, in ascending order, as every writer does.
        handle.createQuery("SELECT graygate_lock_sample_days(:days)::text").bindArray("days", LocalDate.class, days.toArray())
                .mapTo(String.class).one();
        List<LocalDate> fresh = handle.createQuery("SELECT d FROM unnest(:days) d "
                        + "WHERE to_regclass(quote_ident(graygate_sample_partition_name(d))) IS NULL ORDER BY d")
                .bindArray("days", LocalDate.class, days.toArray()).mapTo(LocalDate.class).list();
        if (fresh.size() > 1) {
            // one scan of the staged rows per new day would grow with days x rows
            handle.execute("CREATE INDEX ON staging_sample (ts)");
        }
        int stored = 0;
        List<LocalDate> built = new ArrayList<>();
        List<LocalDate> keyed = new ArrayList<>(days);
        for (LocalDate day : fresh) {
            int rows = buildDay(day);
            if (rows >= 0) {
                stored += rows;
                built.add(day);
                keyed.remove(day);
            }
        }
        return new Stored(stored + insertKeyed(keyed, keyed.size() == days.size()), built);
    }

    /** The day's rows as a new partition; -1 when they repeat a key (the keyed insert then sorts it out). */
    private int buildDay(LocalDate day) {
        String savepoint = "fresh_day";
        handle.savepoint(savepoint);
        try {
            String table = handle.createQuery("SELECT graygate_sample_partition_name(:day)").bind("day", day)
                    .mapTo(String.class).one();
            handle.execute("CREATE TABLE " + quoted(table) + " (LIKE sample INCLUDING DEFAULTS)");
            int rows = handle.createUpdate("INSERT INTO " + quoted(table) + " (series_id, ts, value, ingest_id) "
                            + STAGED_ROWS + " WHERE ts >= :low AND ts < :high")
                    .bind("run", runId).bind("low", startOf(day)).bind("high", startOf(day.plusDays(1))).execute();
            handle.createQuery("SELECT graygate_attach_sample_day(:day)::text").bind("day", day).mapTo(String.class).one();
            handle.releaseSavepoint(savepoint);
            return rows;
        } catch (StatementException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            handle.rollbackToSavepoint(savepoint);
            return -1;
        }
    }

    /**
     * Rows go in key order, then line order: within one load the first of two conflicting lines is the one
     * kept, and concurrent loads (API pushes) take their row locks in one global order, so two loads of
     * overlapping samples wait for each other instead of deadlocking (which lost one of them).
     */
    private int insertKeyed(List<LocalDate> days, boolean everyStagedRow) {
        if (days.isEmpty()) {
            return 0;
        }
        SampleDays.create(handle, days);
        String insert = "INSERT INTO sample (series_id, ts, value, ingest_id) " + STAGED_ROWS + "%s"
                + " ORDER BY series_id, ts, line ON CONFLICT DO NOTHING";
        if (everyStagedRow) {
            return handle.createUpdate(String.format(insert, "")).bind("run", runId).execute();
        }
        return handle.createUpdate(String.format(insert, " WHERE (ts AT TIME ZONE 'UTC')::date = ANY(:days)"))
                .bind("run", runId).bindArray("days", LocalDate.class, days.toArray()).execute();
    }

    private static Timestamp startOf(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Partition names are sample_YYYYMMDD, made by the database function; quoted all the same. */
    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static boolean isUniqueViolation(StatementException e) {
        return e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState());
    }
}
