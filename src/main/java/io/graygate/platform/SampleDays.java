package io.graygate.platform;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The days of {@code sample}: it is partitioned by UTC day (V12) and has no default partition, so a writer
 * creates the days it writes first. The database function locks the days in ascending order and creates
 * the missing ones; a load that builds a new day itself (the ingest) takes the same locks.
 */
public final class SampleDays {
    private SampleDays() {
    }

    /** Creates the partitions of {@code days} that do not exist yet, inside the caller's transaction. */
    public static void create(Handle handle, Collection<LocalDate> days) {
        if (days.isEmpty()) {
            return;
        }
        handle.createQuery("SELECT graygate_sample_days(:days)::text")
                .bindArray("days", LocalDate.class, days.toArray()).mapTo(String.class).one();
    }

    /** The UTC days that instants in [from, until) fall on. */
    public static List<LocalDate> covering(Instant from, Instant until) {
        List<LocalDate> days = new ArrayList<>();
        if (!from.isBefore(until)) {
            return days;
        }
        LocalDate last = LocalDate.ofInstant(until.minusNanos(1), ZoneOffset.UTC);
        for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }
}
