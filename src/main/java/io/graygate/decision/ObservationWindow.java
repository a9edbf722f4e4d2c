package io.graygate.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The days an evaluation looks at, in UTC, both ends inclusive. Without an explicit start it is the
 * stage's observation period ending with the as-of day.
 */
public record ObservationWindow(LocalDate start, LocalDate end, int observationDays) {

    public static ObservationWindow of(LocalDate asOf, LocalDate since, int observationDays) {
        LocalDate start = since != null ? since : asOf.minusDays(observationDays - 1L);
        if (start.isAfter(asOf)) {
            throw new IllegalArgumentException("--since " + since + " is after --as-of " + asOf);
        }
        return new ObservationWindow(start, asOf, observationDays);
    }

    public int daysObserved() {
        return (int) ChronoUnit.DAYS.between(start, end) + 1;
    }

    public boolean complete() {
        return daysObserved() >= observationDays;
    }

    public Instant from() {
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Exclusive end: the first instant after the as-of day. */
    public Instant until() {
        return end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
