package io.graygate.intake.prometheus;

import io.graygate.platform.config.YamlSection;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written the Prometheus way ({@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, {@code 1h30m}). */
final class PromDurations {
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|[smhdw]))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|[smhdw])");

    private PromDurations() {
    }

    /** The duration, or null when the text is not one. */
    static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            return null;
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
        }
        return total;
    }

    static Duration read(YamlSection section, String key, Duration min, Duration fallback) {
        if (!section.has(key)) {
            return fallback;
        }
        String text = section.scalarText(key);
        Duration value = parse(text);
        if (value == null) {
            throw section.error(key, "expected a duration like 30s, 5m, 1h or 1d, got '" + text + "'");
        }
        if (value.compareTo(min) < 0) {
            throw section.error(key, "must be at least " + format(min) + ", got '" + text + "'");
        }
        return value;
    }

    static String format(Duration d) {
        if (d.toMillisPart() != 0 || d.isZero()) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
