package io.graygate.service.schedule;

import io.graygate.platform.config.ScheduleConfig;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Which dates are business dates and when each is evaluated: at the configured time on the day after the date,
 * but never before the date's UTC day is over, because an evaluation's window is made of whole UTC days.
 */
public final class BusinessCalendar {
    /** A business date is at most this far from any date (a year of skip_dates would be a configuration error). */
    private static final int SEARCH_DAYS = 400;

    private final ScheduleConfig config;

    public BusinessCalendar(ScheduleConfig config) {
        this.config = config;
    }

    public boolean isBusinessDate(LocalDate date) {
        return config.businessDays().contains(date.getDayOfWeek()) && !config.skipDates().contains(date);
    }

    /** When the evaluation of the business date is due. */
    public Instant runAt(LocalDate date) {
        LocalDate next = date.plusDays(1);
        Instant configured = next.atTime(config.time()).atZone(config.zone()).toInstant();
        Instant dayOver = next.atStartOfDay(ZoneOffset.UTC).toInstant();
        return configured.isBefore(dayOver) ? dayOver : configured;
    }

    /** The latest business date whose evaluation is due at {@code now}. */
    public Optional<LocalDate> latestDue(Instant now) {
        LocalDate date = now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
        for (int i = 0; i < SEARCH_DAYS; i++, date = date.minusDays(1)) {
            if (isBusinessDate(date) && !runAt(date).isAfter(now)) {
                return Optional.of(date);
            }
        }
        return Optional.empty();
    }

    /** The first business date on or after the date. */
    public Optional<LocalDate> firstOnOrAfter(LocalDate date) {
        for (int i = 0; i < SEARCH_DAYS; i++, date = date.plusDays(1)) {
            if (isBusinessDate(date)) {
                return Optional.of(date);
            }
        }
        return Optional.empty();
    }
}
