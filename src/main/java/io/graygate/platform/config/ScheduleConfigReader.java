package io.graygate.platform.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code schedule:} section of config/service.yaml; every error names the file and the key. */
final class ScheduleConfigReader {
    private static final Map<String, DayOfWeek> DAYS = Map.of("MON", DayOfWeek.MONDAY, "TUE", DayOfWeek.TUESDAY,
            "WED", DayOfWeek.WEDNESDAY, "THU", DayOfWeek.THURSDAY, "FRI", DayOfWeek.FRIDAY, "SAT", DayOfWeek.SATURDAY,
            "SUN", DayOfWeek.SUNDAY);

    private ScheduleConfigReader() {
    }

    static ScheduleConfig read(YamlSection s) {
        s.allowOnly(Set.of("enabled", "time", "zone", "business_days", "skip_dates", "catch_up_max_days", "retry_minutes"));
        return new ScheduleConfig(s.bool("enabled", true), time(s), zone(s), businessDays(s), skipDates(s),
                s.integer("catch_up_max_days", 1, 366, ScheduleConfig.DEFAULT_CATCH_UP_MAX_DAYS),
                Duration.ofMinutes(s.integer("retry_minutes", 1, 1440, (int) ScheduleConfig.DEFAULT_RETRY_AFTER.toMinutes())));
    }

    private static LocalTime time(YamlSection s) {
        if (!s.has("time")) {
            return ScheduleConfig.DEFAULT_TIME;
        }
        if (!s.isText("time")) {
            throw s.error("time", "expected \"HH:MM\", got " + s.scalarText("time"));
        }
        String text = s.string("time");
        if (!text.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            throw s.error("time", "expected \"HH:MM\" (00:00 to 23:59), got '" + text + "'");
        }
        return LocalTime.parse(text);
    }

    private static ZoneId zone(YamlSection s) {
        String text = s.string("zone", "UTC");
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw s.error("zone", "expected a time zone such as UTC or Asia/Shanghai, got '" + text + "'");
        }
    }

    private static Set<DayOfWeek> businessDays(YamlSection s) {
        if (!s.has("business_days")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        List<String> names = s.strings("business_days");
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < names.size(); i++) {
            DayOfWeek day = DAYS.get(names.get(i));
            if (day == null) {
                throw s.error("business_days[" + i + "]", "expected one of MON, TUE, WED, THU, FRI, SAT, SUN, got '"
                        + names.get(i) + "'");
            }
            days.add(day);
        }
        return days;
    }

    private static Set<LocalDate> skipDates(YamlSection s) {
        List<String> texts = s.optionalScalarTexts("skip_dates");
        Set<LocalDate> dates = new LinkedHashSet<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                dates.add(LocalDate.parse(texts.get(i)));
            } catch (DateTimeParseException e) {
                throw s.error("skip_dates[" + i + "]", "expected a date YYYY-MM-DD, got '" + texts.get(i) + "'");
            }
        }
        return dates;
    }
}
