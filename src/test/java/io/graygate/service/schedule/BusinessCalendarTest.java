package io.graygate.service.schedule;

import io.graygate.platform.config.ScheduleConfig;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Business dates and their run times: every day by default, weekdays and skipped dates on request, UTC days whole. */
class BusinessCalendarTest {
    private static BusinessCalendar calendar(LocalTime time, ZoneId zone, Set<DayOfWeek> days, Set<LocalDate> skip) {
        return new BusinessCalendar(new ScheduleConfig(true, time, zone, days, skip, 14, Duration.ofMinutes(10)));
    }

    private static final BusinessCalendar EVERY_DAY = calendar(LocalTime.of(0, 30), ZoneOffset.UTC,
            EnumSet.allOf(DayOfWeek.class), Set.of());

    @Test
    void aDateIsDueAtTheConfiguredTimeOnTheNextDay() {
        assertThat(EVERY_DAY.runAt(LocalDate.parse("2026-03-05"))).isEqualTo(Instant.parse("2026-03-06T00:30:00Z"));
        assertThat(EVERY_DAY.latestDue(Instant.parse("2026-03-06T00:29:59Z"))).contains(LocalDate.parse("2026-03-04"));
        assertThat(EVERY_DAY.latestDue(Instant.parse("2026-03-06T00:30:00Z"))).contains(LocalDate.parse("2026-03-05"));
        assertThat(EVERY_DAY.isBusinessDate(LocalDate.parse("2026-03-07"))).as("a Saturday").isTrue();
    }

    @Test
    void weekdaysOnlyAndSkippedDatesLeaveDaysOut() {
        BusinessCalendar weekdays = calendar(LocalTime.of(0, 30), ZoneOffset.UTC,
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(LocalDate.parse("2026-03-05")));

        assertThat(weekdays.isBusinessDate(LocalDate.parse("2026-03-07"))).as("a Saturday").isFalse();
        assertThat(weekdays.isBusinessDate(LocalDate.parse("2026-03-05"))).as("skipped").isFalse();
        assertThat(weekdays.latestDue(Instant.parse("2026-03-09T12:00:00Z"))).as("Monday noon: Friday")
                .contains(LocalDate.parse("2026-03-06"));
        assertThat(weekdays.latestDue(Instant.parse("2026-03-06T12:00:00Z"))).as("skipped Thursday: Wednesday")
                .contains(LocalDate.parse("2026-03-04"));
        assertThat(weekdays.firstOnOrAfter(LocalDate.parse("2026-03-07"))).contains(LocalDate.parse("2026-03-09"));
    }

    @Test
    void aDateIsNeverEvaluatedBeforeItsUtcDayIsOver() {
        BusinessCalendar shanghai = calendar(LocalTime.of(0, 30), ZoneId.of("Asia/Shanghai"),
                EnumSet.allOf(DayOfWeek.class), Set.of());
        BusinessCalendar newYork = calendar(LocalTime.of(0, 30), ZoneId.of("America/New_York"),
                EnumSet.allOf(DayOfWeek.class), Set.of());

        // 00:30 in Shanghai is 16:30 UTC the day before: held back to the end of the UTC day.
        assertThat(shanghai.runAt(LocalDate.parse("2026-03-05"))).isEqualTo(Instant.parse("2026-03-06T00:00:00Z"));
        assertThat(newYork.runAt(LocalDate.parse("2026-03-05"))).isEqualTo(Instant.parse("2026-03-06T05:30:00Z"));
    }
}
