package io.graygate.intake;

import io.graygate.platform.config.MetricCatalogue;
import io.graygate.platform.config.MetricSpec;
import io.graygate.platform.SeriesKey;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns raw fields into a {@link Sample}, or says precisely which field is wrong and why. One validator reads
 * one input: it remembers the last timestamp it parsed (a file or push carries each timestamp for every
 * series in a row) and the series (metric, symbol, source) it has accepted, so that a line of a known series
 * only has its timestamp and value checked; that makes validation a small part of a load.
 */
final class SampleValidator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");
    private static final int MAX_REMEMBERED_SERIES = 1 << 16;

    private final MetricCatalogue catalogue;
    /** Raw (metric, symbol, source) as written -> the catalogue's metric; one String instance per name. */
    private final Map<SeriesKey, AcceptedSeries> acceptedSeries = new HashMap<>();
    private String lastTimestampText;
    private Instant lastTimestamp;

    private record AcceptedSeries(MetricSpec spec, String symbol, String source) {
    }

    /** Samples before this are refused: PostgreSQL and java.time disagree on dates before 1582 (lost as "duplicates"). */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

    private final Instant latest;

    /** @param latest the latest timestamp accepted (now plus the allowed clock skew) */
    SampleValidator(MetricCatalogue catalogue, Instant latest) {
        this.catalogue = catalogue;
        this.latest = latest;
    }

    Sample validate(int line, RawFields fields) throws LineProblem {
        Instant ts = rememberedTimestamp(fields.ts());
        SeriesKey written = new SeriesKey(fields.metric(), fields.symbol(), fields.source());
        AcceptedSeries known = acceptedSeries.get(written);
        if (known != null) {
            double value = valueInRange(known.spec(), fields.value());
            return new Sample(line, ts, known.spec().name(), value, known.symbol(), known.source());
        }
        MetricSpec spec = catalogue.find(fields.metric())
                .orElseThrow(() -> new LineProblem("metric: unknown metric " + FieldText.quoted(fields.metric())));
        double value = valueInRange(spec, fields.value());
        if (spec.perSymbol() && fields.symbol().isEmpty()) {
            throw new LineProblem("symbol: missing; " + spec.name() + " is reported per symbol");
        }
        checkName("symbol", fields.symbol());
        checkName("source", fields.source());
        if (acceptedSeries.size() >= MAX_REMEMBERED_SERIES) {
            acceptedSeries.clear();
        }
        acceptedSeries.put(written, new AcceptedSeries(spec, fields.symbol(), fields.source()));
        return new Sample(line, ts, spec.name(), value, fields.symbol(), fields.source());
    }

    private static double valueInRange(MetricSpec spec, String text) throws LineProblem {
        double value = value(text);
        String rangeProblem = spec.rangeProblem(value);
        if (rangeProblem != null) {
            throw new LineProblem("value: " + rangeProblem);
        }
        return value;
    }

    private Instant rememberedTimestamp(String text) throws LineProblem {
        if (!text.equals(lastTimestampText)) {
            lastTimestamp = timestamp(text);
            lastTimestampText = text;
        }
        return lastTimestamp;
    }

    private Instant timestamp(String text) throws LineProblem {
        Instant ts = parsedTimestamp(text);
        if (ts.isBefore(EARLIEST)) {
            throw new LineProblem("ts: timestamp " + FieldText.quoted(text) + " is before " + EARLIEST
                    + "; samples that old are refused");
        }
        if (ts.isAfter(latest)) {
            throw new LineProblem("ts: timestamp " + FieldText.quoted(text) + " is in the future (accepted up to " + latest
                    + ", now plus the allowed clock skew); a sample from the future would hide stale data");
        }
        return ts;
    }

    private static Instant parsedTimestamp(String text) throws LineProblem {
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
        if (!isDecimal(text)) {
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("nan")) {
                throw new LineProblem("value: NaN is not a number graygate can store");
            }
            if (lower.contains("inf")) {
                throw new LineProblem("value: Infinity is not a number graygate can store");
            }
            throw new LineProblem("value: " + FieldText.quoted(text) + " is not a number");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new LineProblem("value: " + FieldText.quoted(text) + " is too large");
        }
        return value;
    }

    /**
     * A plain decimal: [+-] digits [. digits] [e [+-] digits], with at least one digit before the exponent.
     * Double.parseDouble alone would also take hex floats, a trailing d or f, and surrounding spaces.
     */
    static boolean isDecimal(String text) {
        int i = 0;
        int n = text.length();
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int integerDigits = skipDigits(text, i);
        i += integerDigits;
        int fractionDigits = 0;
        if (i < n && text.charAt(i) == '.') {
            fractionDigits = skipDigits(text, i + 1);
            i += 1 + fractionDigits;
        }
        if (integerDigits + fractionDigits == 0) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = skipDigits(text, i);
            if (exponentDigits == 0) {
                return false;
            }
            i += exponentDigits;
        }
        return i == n;
    }

    private static int skipDigits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    private static void checkName(String field, String text) throws LineProblem {
        if (!text.isEmpty() && !NAME.matcher(text).matches()) {
            throw new LineProblem(field + ": " + FieldText.quoted(text) + " is not a valid name (letters, digits and ._:/- up to 64)");
        }
    }
}
