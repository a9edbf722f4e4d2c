package io.graygate.platform.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

/**
 * When {@code graygate serve} evaluates the live stage by itself ({@code schedule:} in config/service.yaml).
 *
 * @param time           wall-clock time in {@code zone}, on the day after the business date, at which the date is evaluated
 * @param businessDays   weekdays that are business dates; the card's symbols trade every day, so all seven by default
 * @param skipDates      dates that are never business dates (a calendar of exceptions)
 * @param catchUpMaxDays after downtime, dates more than this many days before the latest due date are not caught up
 * @param retryAfter     wait before a failed evaluation of a date is tried again
 */
public record ScheduleConfig(boolean enabled, LocalTime time, ZoneId zone, Set<DayOfWeek> businessDays,
                             Set<LocalDate> skipDates, int catchUpMaxDays, Duration retryAfter) {
    public static final LocalTime DEFAULT_TIME = LocalTime.of(0, 30);
    /** Stage 3's observation period, the card's longest: a downtime within one stage is caught up whole. */
    public static final int DEFAULT_CATCH_UP_MAX_DAYS = 14;
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(10);

    public ScheduleConfig {
        businessDays = businessDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(businessDays));
        skipDates = Set.copyOf(skipDates);
    }

    /** No {@code schedule:} section: the service evaluates nothing by itself. */
    public static ScheduleConfig disabled() {
        return new ScheduleConfig(false, DEFAULT_TIME, ZoneOffset.UTC, EnumSet.allOf(DayOfWeek.class), Set.of(),
                DEFAULT_CATCH_UP_MAX_DAYS, DEFAULT_RETRY_AFTER);
    }
}
