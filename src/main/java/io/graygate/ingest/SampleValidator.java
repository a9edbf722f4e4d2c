package io.graygate.ingest;

import io.graygate.config.MetricCatalogue;
import io.graygate.config.MetricSpec;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** Turns raw fields into a {@link Sample}, or says precisely which field is wrong and why. */
final class SampleValidator {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");

    private final MetricCatalogue catalogue;

    SampleValidator(MetricCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    Sample validate(int line, RawFields fields) throws LineProblem {
        Instant ts = timestamp(fields.ts());
        MetricSpec spec = catalogue.find(fields.metric())
                .orElseThrow(() -> new LineProblem("metric: unknown metric " + FieldText.quoted(fields.metric())));
        double value = value(fields.value());
        String rangeProblem = spec.rangeProblem(value);
        if (rangeProblem != null) {
            throw new LineProblem("value: " + rangeProblem);
        }
        if (spec.perSymbol() && fields.symbol().isEmpty()) {
            throw new LineProblem("symbol: missing; " + spec.name() + " is reported per symbol");
        }
        checkName("symbol", fields.symbol());
        checkName("source", fields.source());
        return new Sample(line, ts, spec.name(), value, fields.symbol(), fields.source());
    }

    private static Instant timestamp(String text) throws LineProblem {
        try {
            OffsetDateTime parsed = OffsetDateTime.parse(text);
            int year = parsed.atZoneSameInstant(java.time.ZoneOffset.UTC).getYear();
            if (year < 1 || year > 9999) {
                throw new LineProblem("ts: timestamp " + FieldText.quoted(text) + " is out of range; years 1 to 9999 only");
            }
            // PostgreSQL keeps microseconds and would round the rest, which can carry 23:59:59.9999999 into
            // the next minute or day; cutting the nanoseconds keeps a sample in the window it was written in.
            return parsed.toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            if (isLocal(text)) {
                throw new LineProblem("ts: timestamp " + FieldText.quoted(text) + " has no UTC offset; add Z or +hh:mm");
            }
            throw new LineProblem("ts: bad timestamp " + FieldText.quoted(text) + "; expected ISO-8601 like 2026-01-05T10:00:00Z");
        }
    }

    private static boolean isLocal(String text) {
        try {
            LocalDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static double value(String text) throws LineProblem {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("nan")) {
            throw new LineProblem("value: NaN is not a number graygate can store");
        }
        if (lower.contains("inf")) {
            throw new LineProblem("value: Infinity is not a number graygate can store");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new LineProblem("value: " + FieldText.quoted(text) + " is not a number");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new LineProblem("value: " + FieldText.quoted(text) + " is too large");
        }
        return value;
    }

    private static void checkName(String field, String text) throws LineProblem {
        if (!text.isEmpty() && !NAME.matcher(text).matches()) {
            throw new LineProblem(field + ": " + FieldText.quoted(text) + " is not a valid name (letters, digits and ._:/- up to 64)");
        }
    }
}
