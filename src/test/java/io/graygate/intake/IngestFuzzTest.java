package io.graygate.intake;

import net.jqwik.api.Tag;
import io.graygate.tools.cli.Main;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzed ingest against the real database. Files of random valid lines (every legal spelling of a sample:
 * column order, padding, quotes, offsets, number notations, key order, BOM, CRLF) mixed with lines broken in
 * every way we could think of (bad UTF-8, NUL bytes, huge fields, embedded quotes and newlines, wrong column
 * counts, unknown metrics, bad timestamps, NaN/Inf, out-of-range values, JSON of the wrong shape, garbage).
 * A model replays the valid lines: the first value of a key is kept, the same value again is a duplicate,
 * another value a conflict. Every line must be counted exactly once, exactly the broken lines rejected, and
 * the stored rows must equal the model's. Each try writes its own {@code source}, so tries share a database.
 */
@Tag("db")
class IngestFuzzTest {
    private static final Instant BASE = Instant.parse("2031-01-01T00:00:00Z");
    private static final List<String> METRICS = List.of("cpu_ratio", "crash_count", "activity");
    private static final Map<String, double[]> VALUES = Map.of(
            "cpu_ratio", new double[]{0.0, 0.25, 0.5, 1.0},
            "crash_count", new double[]{0.0, 1.0, 2.0, 3.0},
            "activity", new double[]{0.0, 0.5, 7.25, 1_000_000.0});
    private static final List<String> SYMBOLS = List.of("", "ETHUSDT", "BTCUSDT");
    private static final List<String> COLUMNS = List.of("ts", "metric", "value", "symbol", "source");
    private static final AtomicInteger TRY = new AtomicInteger();

    private static Database db;
    private static Ingester ingester;
    private static Path dir;

    @BeforeContainer
    static void open() throws IOException {
        db = TestDatabase.standalone(IngestFuzzTest.class);
        ingester = new Ingester(db.jdbi(), ConfigLoader.load(Path.of("config/release.yaml")).catalogue(),
                java.time.Clock.fixed(java.time.Instant.parse("2040-01-01T00:00:00Z"), java.time.ZoneOffset.UTC), Ingester.DEFAULT_FUTURE_SKEW);
        dir = Files.createTempDirectory("graygate-fuzz");
    }

    @AfterContainer
    static void close() {
        db.close();
    }

    // ------------------------------------------------------------------------------------------- properties

    @Property(tries = 60)
    void everyLineIsCountedOnceAndEveryValidSampleIsStored(@ForAll("files") List<FuzzFile> files) {
        String tag = "fz" + TRY.incrementAndGet();
        Model model = new Model();
        for (int i = 0; i < files.size(); i++) {
            Rendered rendered = render(files.get(i), tag);
            IngestReport report = ingester.ingest(tag + "-file" + i, files.get(i).format(), new ByteArrayInputStream(rendered.bytes()));
            model.check(report, rendered);
            assertRunRowMatches(report);
        }
        assertThat(storedRows(tag)).isEqualTo(model.firstValues());
    }

    @Property(tries = 6)
    void theCommandLineNamesEveryProblemOnOneLineWithoutAStackTrace(@ForAll("file") FuzzFile file,
                                                                    @ForAll boolean breakTheHeader) throws IOException {
        String tag = "fz" + TRY.incrementAndGet();
        Rendered rendered = render(file, tag);
        boolean badHeader = breakTheHeader && file.format() == InputFormat.CSV;
        byte[] bytes = badHeader ? withBrokenHeader(rendered.bytes()) : rendered.bytes();
        Path path = dir.resolve(tag + (file.format() == InputFormat.CSV ? ".csv" : ".jsonl"));
        Files.write(path, bytes);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new String[]{"ingest", path.toString(), "--db-url", url(), "--release", "config/release.yaml"},
                new PrintWriter(out), new PrintWriter(err));

        String errText = err.toString();
        assertThat(errText).doesNotContain("\tat ", "Exception", "--verbose");
        assertThat(errText.replace("\n", "")).as("control characters of the input reach the terminal")
                .doesNotContainPattern("\\p{Cntrl}");
        List<String> errLines = errText.lines().toList();
        assertThat(errLines).allSatisfy(line -> assertThat(line.length()).isLessThan(1_000));
        if (badHeader) {
            assertThat(status).isEqualTo(Main.EXIT_ERROR);
            assertThat(errLines).singleElement().asString().startsWith("graygate: " + path + ":1: bad header");
            assertThat(storedRows(tag)).isEmpty();
            return;
        }
        int rejected = rendered.rejectedLines().size();
        assertThat(status).as(errText).isEqualTo(rejected > 0 ? 1 : 0);
        assertThat(errLines).allSatisfy(line -> assertThat(line).startsWith(path + ":"));
        assertThat(errLines.size()).isGreaterThanOrEqualTo(rejected);
        assertThat(out.toString().lines()).singleElement().asString().startsWith(path + ": " + rendered.counted() + " lines: ");
    }

    // ------------------------------------------------- what the fuzzing found, pinned as examples

    @Example
    void aTimestampJustBeforeMidnightStaysOnItsDay() {
        IngestReport report = ingestCsv("ts,metric,value,source", "2031-02-01T23:59:59.9999999Z,cpu_ratio,0.5,midnight");

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(storedRows("midnight")).containsOnlyKeys(
                new Key("cpu_ratio", "", "midnight", Instant.parse("2031-02-01T23:59:59.999999Z")));
    }

    @Example
    void aNulByteNextToAFieldRejectsTheLine() {
        IngestReport report = ingestCsv("ts,metric,value,source", "2031-02-02T00:00:00Z,cpu_ratio\u0000,0.5,nul");

        assertThat(report.rejections()).extracting(Rejection::reason)
                .containsExactly("NUL byte in the line: the file is corrupt or was cut short");
    }

    @Example
    void aJsonKeyGivenTwiceRejectsTheLine() {
        byte[] line = "{\"ts\":\"2031-02-03T00:00:00Z\",\"metric\":\"cpu_ratio\",\"value\":0.5,\"value\":0.7,\"source\":\"dup\"}"
                .getBytes(StandardCharsets.UTF_8);
        IngestReport report = ingester.ingest("dup-key", InputFormat.JSONL, new ByteArrayInputStream(line));

        assertThat(report.rejections()).extracting(Rejection::reason).singleElement().asString()
                .startsWith("not valid JSON: Duplicate field 'value'");
    }

    @Example
    void aControlCharacterNextToAFieldRejectsTheLine() {
        IngestReport report = ingestCsv("ts,metric,value,source", "2031-02-04T00:00:00Z,\u001bcpu_ratio,0.5,esc");

        assertThat(report.rejections()).extracting(Rejection::reason).containsExactly("control character U+001B in the line");
    }

    @Example
    void aHugeFieldIsQuotedShortWithControlCharactersEscaped() {
        String metric = "m\u001b[31m" + "m".repeat(10_000);
        byte[] line = ("{\"ts\":\"2031-02-05T00:00:00Z\",\"metric\":\"" + metric.replace("\u001b", "\\u001b")
                + "\",\"value\":0.5,\"source\":\"huge\"}").getBytes(StandardCharsets.UTF_8);
        IngestReport report = ingester.ingest("huge", InputFormat.JSONL, new ByteArrayInputStream(line));

        assertThat(report.rejections()).extracting(Rejection::reason).containsExactly("metric: unknown metric 'm\\u001b[31m"
                + "m".repeat(58) + "' (10006 characters, first 64 shown)");
        assertThat(report.rejections().get(0).raw()).hasSize(line.length);
    }

    private static IngestReport ingestCsv(String... lines) {
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        return ingester.ingest("example", InputFormat.CSV, new ByteArrayInputStream(bytes));
    }

    // ------------------------------------------------------------------------------------------- generators

    /** What a line is meant to be; every kind but VALID and BLANK must be rejected. */
    enum Kind { VALID, BLANK, BAD_UTF8, NUL, HUGE, QUOTES, NEWLINE, COLUMNS, UNKNOWN_METRIC, BAD_TS, NON_FINITE,
        OUT_OF_RANGE, NO_SYMBOL, GARBAGE, SHAPE }

    /** One generated line: small indices that choose the sample and how it is spelled, so jqwik shrinks them. */
    record Entry(Kind kind, int metric, int symbol, int minute, int value, int style, int variant) {
    }

    record FuzzFile(InputFormat format, int columnOrder, boolean crlf, boolean finalNewline, boolean bom,
                    boolean twoSources, List<Entry> entries) {
    }

    @Provide
    Arbitrary<List<FuzzFile>> files() {
        return file().list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<FuzzFile> file() {
        List<Tuple.Tuple2<Integer, Kind>> kinds = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            kinds.add(Tuple.of(kind == Kind.VALID ? 20 : 1, kind));
        }
        Arbitrary<Entry> entry = Combinators.combine(Arbitraries.frequency(kinds),
                        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 7))
                .as(Entry::new);
        return Combinators.combine(Arbitraries.of(InputFormat.CSV, InputFormat.JSONL), Arbitraries.integers().between(0, 119),
                        Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false),
                        Arbitraries.of(true, false), entry.list().ofMaxSize(40))
                .as(FuzzFile::new);
    }

    // ------------------------------------------------------------------------------------------- rendering

    /** The sample a valid line stands for: the key as PostgreSQL will hold it, and the value. */
    record Sample(String metric, String symbol, String source, Instant ts, double value) {
        Key key() {
            return new Key(metric, symbol, source, ts);
        }
    }

    record Key(String metric, String symbol, String source, Instant ts) {
    }

    /** A line as bytes, what it should become, and for a valid line its sample. */
    record Line(byte[] bytes, Kind kind, Sample sample) {
    }

    record Rendered(byte[] bytes, Map<Integer, Line> byNumber) {
        Set<Integer> rejectedLines() {
            Set<Integer> numbers = new TreeSet<>();
            byNumber.forEach((number, line) -> {
                if (line.kind() != Kind.VALID && line.kind() != Kind.BLANK) {
                    numbers.add(number);
                }
            });
            return numbers;
        }

        long counted() {
            return byNumber.values().stream().filter(line -> line.kind() != Kind.BLANK).count();
        }
    }

    private static Rendered render(FuzzFile file, String tag) {
        List<String> order = columnOrder(file.columnOrder());
        List<Line> lines = new ArrayList<>();
        for (Entry entry : file.entries()) {
            String source = file.twoSources() && entry.variant() % 2 == 1 ? tag + "-b" : tag;
            lines.addAll(file.format() == InputFormat.CSV ? Csv.lines(entry, source, order) : Jsonl.lines(entry, source));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] separator = (file.crlf() ? "\r\n" : "\n").getBytes(StandardCharsets.US_ASCII);
        if (file.bom()) {
            out.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        Map<Integer, Line> byNumber = new LinkedHashMap<>();
        int number = 0;
        if (file.format() == InputFormat.CSV) {
            out.writeBytes(String.join(",", order).getBytes(StandardCharsets.US_ASCII));
            number++;
            if (!lines.isEmpty() || file.finalNewline()) {
                out.writeBytes(separator);
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            byNumber.put(++number, line);
            out.writeBytes(line.bytes());
            if (i < lines.size() - 1 || file.finalNewline()) {
                out.writeBytes(separator);
            }
        }
        return new Rendered(out.toByteArray(), byNumber);
    }

    private static List<String> columnOrder(int permutation) {
        List<String> left = new ArrayList<>(COLUMNS);
        List<String> order = new ArrayList<>();
        int rest = permutation;
        for (int n = left.size(); n > 0; n--) {
            order.add(left.remove(rest % n));
            rest /= n;
        }
        return order;
    }

    /** The valid sample an entry starts from, before it is spelled (and maybe broken). */
    private static Sample baseSample(Entry e, String source) {
        String metric = METRICS.get(e.metric());
        String symbol = metric.equals("activity") ? SYMBOLS.get(1 + e.symbol() % 2) : SYMBOLS.get(e.symbol());
        double value = VALUES.get(metric)[e.value()];
        return new Sample(metric, symbol, source, BASE.plus(e.minute(), ChronoUnit.MINUTES), value);
    }

    /** A spelling of the sample's timestamp, and the instant PostgreSQL keeps for it (microseconds). */
    private static Map.Entry<String, Instant> timestamp(Instant ts, int variant) {
        return switch (variant) {
            case 1 -> Map.entry(OffsetDateTime.ofInstant(ts, ZoneOffset.ofHours(2)).toString(), ts);
            case 2 -> Map.entry(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
                    .format(OffsetDateTime.ofInstant(ts, ZoneOffset.ofHours(-1))), ts);
            case 3 -> Map.entry(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
                    .format(OffsetDateTime.ofInstant(ts, ZoneOffset.UTC)), ts);
            case 4 -> Map.entry(ts.plusNanos(400).toString(), ts);
            // 100 ns before the minute: kept to the microsecond it falls in, not rounded into the next minute
            case 5 -> Map.entry(ts.minusNanos(100).toString(), ts.minusNanos(1000));
            case 6 -> Map.entry(OffsetDateTime.ofInstant(ts, ZoneOffset.UTC).toString(), ts);
            case 7 -> Map.entry(ts.toString().replace("Z", "+00:00"), ts);
            default -> Map.entry(ts.toString(), ts);
        };
    }

    /** A spelling of the value, and the value it stands for. JSON has no leading '+' or '.'. */
    private static Map.Entry<String, Double> number(double value, int variant, boolean json) {
        String plain = new java.math.BigDecimal(value).toPlainString();
        return switch (variant) {
            case 1 -> Map.entry(plain + "e0", value);
            case 2 -> Map.entry(json ? plain + "E+0" : "+" + plain, value);
            case 3 -> Map.entry(plain.contains(".") ? plain + "00" : plain + ".000", value);
            case 4 -> Map.entry(!json && plain.startsWith("0.") ? plain.substring(1) : plain, value);
            case 5 -> value == 0.0 ? Map.entry("-0", -0.0) : Map.entry(plain, value);
            default -> Map.entry(plain, value);
        };
    }

    private static final byte[][] BAD_UTF8 = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82}};

    private static byte[] insert(byte[] line, int at, byte[] inserted) {
        int position = Math.min(at, line.length);
        byte[] out = new byte[line.length + inserted.length];
        System.arraycopy(line, 0, out, 0, position);
        System.arraycopy(inserted, 0, out, position, inserted.length);
        System.arraycopy(line, position, out, position + inserted.length, line.length - position);
        return out;
    }

    /** Where in a line a stray byte goes: the start, the end, next to a separator, or inside a field. */
    private static int position(byte[] line, int variant, byte separator) {
        List<Integer> separators = new ArrayList<>();
        for (int i = 0; i < line.length; i++) {
            if (line[i] == separator) {
                separators.add(i);
            }
        }
        return switch (variant % 4) {
            case 0 -> 0;
            case 1 -> line.length;
            case 2 -> separators.isEmpty() ? 0 : separators.get(variant % separators.size()) + (variant / 4);
            default -> line.length / 2;
        };
    }

    private static String garbage(Entry e) {
        String alphabet = "ab,;\"'{}[]:\\ \t\r\u00e9\u20ac\u001b0123456789.-+eEZT\u0007";
        Random random = new Random(e.hashCode());
        StringBuilder text = new StringBuilder("#");
        int length = 1 + random.nextInt(60);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /**
     * Kinds broken the same way in both formats: a blank line, garbage, or a stray byte in a valid line;
     * null for the other kinds.
     */
    private static List<Line> brokenAsBytes(Entry e, String validLine) {
        int v = e.variant();
        byte[] line = validLine.getBytes(StandardCharsets.UTF_8);
        return switch (e.kind()) {
            case BLANK -> List.of(broken(Kind.BLANK, List.of("", "   ", "\t", " \t ").get(v % 4)));
            case GARBAGE -> List.of(broken(Kind.GARBAGE, garbage(e)));
            case BAD_UTF8 -> List.of(new Line(insert(line, position(line, v, (byte) ','), BAD_UTF8[v % BAD_UTF8.length]), Kind.BAD_UTF8, null));
            case NUL -> List.of(new Line(insert(line, position(line, v, (byte) ','), new byte[]{0}), Kind.NUL, null));
            default -> null;
        };
    }

    private static String huge(char c, int length) {
        return String.valueOf(c).repeat(length);
    }

    private static Line broken(Kind kind, String text) {
        return new Line(text.getBytes(StandardCharsets.UTF_8), kind, null);
    }

    /** CSV spellings: padding with spaces, quoted fields; and CSV ways to break a line. */
    private static final class Csv {
        static List<Line> lines(Entry e, String source, List<String> order) {
            Sample sample = baseSample(e, source);
            Map.Entry<String, Instant> ts = timestamp(sample.ts(), e.variant());
            Map.Entry<String, Double> value = number(sample.value(), e.style() % 6, false);
            Map<String, String> fields = new HashMap<>(Map.of("ts", ts.getKey(), "metric", sample.metric(),
                    "value", value.getKey(), "symbol", sample.symbol(), "source", source));
            Sample stored = new Sample(sample.metric(), sample.symbol(), source, ts.getValue(), value.getValue());
            List<Line> anyFormat = brokenAsBytes(e, join(order, fields, e.style()));
            if (anyFormat != null) {
                return anyFormat;
            }
            int v = e.variant();
            switch (e.kind()) {
                case VALID -> {
                    return List.of(new Line(join(order, fields, e.style()).getBytes(StandardCharsets.UTF_8), Kind.VALID, stored));
                }
                case HUGE -> {
                    switch (v % 3) {
                        case 0 -> fields.put("metric", huge('m', 100_000));
                        case 1 -> fields.put("symbol", huge('S', 70_000));
                        default -> fields.put("value", "1" + huge('0', 5_000));
                    }
                }
                case QUOTES -> {
                    switch (v % 3) {
                        case 0 -> fields.put("symbol", "\"ETH\"USDT\"");
                        case 1 -> fields.put("symbol", "ETH\"USDT");
                        default -> fields.put("value", "\"" + value.getKey() + "\"\"");
                    }
                    return List.of(broken(Kind.QUOTES, joinRaw(order, fields)));
                }
                case NEWLINE -> {
                    fields.put("symbol", "\"ETH\nUSDT\"");
                    String[] parts = joinRaw(order, fields).split("\n");
                    return List.of(broken(Kind.NEWLINE, parts[0]), broken(Kind.NEWLINE, parts[1]));
                }
                case COLUMNS -> {
                    String line = join(order, fields, e.style());
                    return List.of(broken(Kind.COLUMNS, v % 2 == 0 ? line + ",extra" : line.substring(0, line.lastIndexOf(','))));
                }
                case UNKNOWN_METRIC -> fields.put("metric", List.of("no_such_metric", "CPU_RATIO", "cpu ratio", "").get(v % 4));
                case BAD_TS -> fields.put("ts", badTimestamp(v));
                case NON_FINITE -> fields.put("value", List.of("NaN", "Infinity", "-Infinity", "inf", "1e400", "-1e999", "nan", "+Inf").get(v));
                case OUT_OF_RANGE -> fields.put("value", outOfRange(sample.metric(), v));
                case NO_SYMBOL -> {
                    fields.put("metric", "activity");
                    fields.put("symbol", "");
                }
                case SHAPE -> {
                    return List.of(broken(Kind.SHAPE, List.of(",", "\"" + join(order, fields, 0), ",,,,,,", "\"\"").get(v % 4)));
                }
                default -> throw new IllegalStateException(e.kind().name());
            }
            return List.of(broken(e.kind(), join(order, fields, e.style())));
        }

        /** bit 0: pad unquoted fields with spaces; bit 1: quote metric and symbol; bit 2: quote ts and value. */
        private static String join(List<String> order, Map<String, String> fields, int style) {
            List<String> cells = new ArrayList<>();
            for (String column : order) {
                String text = fields.get(column);
                boolean quote = ((style & 2) != 0 && (column.equals("metric") || column.equals("symbol")))
                        || ((style & 4) != 0 && (column.equals("ts") || column.equals("value")));
                if (quote) {
                    cells.add("\"" + text.replace("\"", "\"\"") + "\"");
                } else {
                    cells.add((style & 1) != 0 ? "  " + text + " " : text);
                }
            }
            return String.join(",", cells);
        }

        private static String joinRaw(List<String> order, Map<String, String> fields) {
            return String.join(",", order.stream().map(fields::get).toList());
        }
    }

    /** JSON Lines spellings: key order, spacing, escapes, numbers as strings; and JSON ways to break a line. */
    private static final class Jsonl {
        static List<Line> lines(Entry e, String source) {
            Sample sample = baseSample(e, source);
            Map.Entry<String, Instant> ts = timestamp(sample.ts(), e.variant());
            Map.Entry<String, Double> value = number(sample.value(), e.style() % 6, true);
            Map<String, String> members = new LinkedHashMap<>();
            members.put("ts", quote(ts.getKey()));
            members.put("metric", (e.style() & 2) != 0 ? escapedFirst(sample.metric()) : quote(sample.metric()));
            members.put("value", e.style() == 7 ? quote(value.getKey()) : value.getKey());
            if (!sample.symbol().isEmpty() || e.symbol() == 1) {
                members.put("symbol", quote(sample.symbol()));
            } else if (e.symbol() == 2) {
                members.put("symbol", "null");
            }
            members.put("source", quote(source));
            Sample stored = new Sample(sample.metric(), sample.symbol(), source, ts.getValue(), value.getValue());
            List<Line> anyFormat = brokenAsBytes(e, object(members, e));
            if (anyFormat != null) {
                return anyFormat;
            }
            int v = e.variant();
            switch (e.kind()) {
                case VALID -> {
                    return List.of(new Line(object(members, e).getBytes(StandardCharsets.UTF_8), Kind.VALID, stored));
                }
                case HUGE -> {
                    switch (v % 3) {
                        case 0 -> members.put("metric", quote(huge('m', 100_000)));
                        case 1 -> members.put("symbol", quote(huge('S', 70_000)));
                        default -> members.put("value", "1" + huge('0', 5_000));
                    }
                }
                case QUOTES -> members.put("symbol", v % 2 == 0 ? "\"ETH\\\"USDT\"" : "\"ETH");
                case NEWLINE -> {
                    members.put("symbol", "\"ETH\nUSDT\"");
                    String[] parts = object(members, e).split("\n");
                    return List.of(broken(Kind.NEWLINE, parts[0]), broken(Kind.NEWLINE, parts[1]));
                }
                case COLUMNS -> {
                    if (v % 2 == 0) {
                        members.remove(List.of("ts", "metric", "value").get(v % 3));
                    } else {
                        members.put("extra", "1");
                    }
                }
                case UNKNOWN_METRIC -> members.put("metric", quote(List.of("no_such_metric", "CPU_RATIO", "cpu ratio", "").get(v % 4)));
                case BAD_TS -> members.put("ts", v == 7 ? "1700000000" : quote(badTimestamp(v)));
                case NON_FINITE -> members.put("value", List.of("NaN", "\"NaN\"", "1e400", "\"Infinity\"", "-1e999", "Infinity",
                        "\"-inf\"", "\"nan\"").get(v));
                case OUT_OF_RANGE -> members.put("value", outOfRange(sample.metric(), v));
                case NO_SYMBOL -> {
                    members.put("metric", quote("activity"));
                    members.remove("symbol");
                }
                case SHAPE -> {
                    String object = object(members, e);
                    return List.of(broken(Kind.SHAPE, switch (v % 5) {
                        case 0 -> "[" + object + "]";
                        case 1 -> object + " " + object;
                        case 2 -> object.substring(0, object.length() - 1) + ",\"value\":0.75}";
                        case 3 -> "null";
                        default -> object.substring(0, object.length() - 1);
                    }));
                }
                default -> throw new IllegalStateException(e.kind().name());
            }
            return List.of(broken(e.kind(), object(members, e)));
        }

        private static String object(Map<String, String> members, Entry e) {
            List<String> names = new ArrayList<>(members.keySet());
            java.util.Collections.rotate(names, e.variant() % Math.max(1, names.size()));
            String gap = (e.style() & 1) != 0 ? " " : "";
            List<String> pairs = names.stream().map(name -> quote(name) + ":" + gap + members.get(name)).toList();
            return "{" + gap + String.join("," + gap, pairs) + gap + "}";
        }

        private static String quote(String text) {
            return "\"" + text + "\"";
        }

        /** The name with its first letter written as a JSON unicode escape: the same string to a parser. */
        private static String escapedFirst(String name) {
            return "\"" + String.format("\\u%04x", (int) name.charAt(0)) + name.substring(1) + "\"";
        }
    }

    private static String badTimestamp(int variant) {
        return List.of("2031-01-01T00:01:00", "2031-13-01T00:00:00Z", "2031-02-30T00:00:00Z", "yesterday", "",
                "2031-01-01 00:01:00Z", "-0001-01-01T00:00:00Z", "+12031-01-01T00:00:00Z").get(variant);
    }

    private static String outOfRange(String metric, int variant) {
        return switch (metric) {
            case "cpu_ratio" -> variant % 2 == 0 ? "1.5" : "-0.1";
            case "crash_count" -> variant % 2 == 0 ? "0.5" : "-1";
            default -> "-3";
        };
    }

    private static byte[] withBrokenHeader(byte[] file) {
        int end = 0;
        while (end < file.length && file[end] != '\n') {
            end++;
        }
        byte[] broken = "ts,metric,valu,symbol,source".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[broken.length + file.length - end];
        System.arraycopy(broken, 0, out, 0, broken.length);
        System.arraycopy(file, end, out, broken.length, file.length - end);
        return out;
    }

    // ------------------------------------------------------------------------------------------- the model

    /** Replays valid lines in order across a try's files: first value kept, same value duplicate, else conflict. */
    private static final class Model {
        private final Map<Key, Double> first = new LinkedHashMap<>();

        void check(IngestReport report, Rendered rendered) {
            int accepted = 0;
            int duplicates = 0;
            List<Integer> conflicts = new ArrayList<>();
            for (Map.Entry<Integer, Line> numbered : rendered.byNumber().entrySet()) {
                Sample sample = numbered.getValue().sample();
                if (sample == null) {
                    continue;
                }
                Double kept = first.putIfAbsent(sample.key(), signless(sample.value()));
                if (kept == null) {
                    accepted++;
                } else if (kept == sample.value()) {   // == as in SQL: -0.0 equals 0.0
                    duplicates++;
                } else {
                    conflicts.add(numbered.getKey());
                }
            }
            String where = report.origin() + "\n" + new String(rendered.bytes(), StandardCharsets.UTF_8);
            assertThat(report.rejections()).as(where).extracting(Rejection::line)
                    .containsExactlyElementsOf(rendered.rejectedLines());
            assertThat(report.lines()).as(where).isEqualTo(rendered.counted());
            assertThat(List.of(report.accepted(), report.duplicates(), report.conflicts())).as(where)
                    .containsExactly(accepted, duplicates, conflicts.size());
            assertThat(report.conflictDetails()).as(where).extracting(Conflict::line).containsExactlyElementsOf(conflicts);
            assertThat(report.accepted() + report.duplicates() + report.conflicts() + report.rejected())
                    .isEqualTo(report.lines());
        }

        Map<Key, Double> firstValues() {
            return first;
        }
    }

    private static void assertRunRowMatches(IngestReport report) {
        Map<String, Object> run = db.jdbi().withHandle(h -> h.createQuery("SELECT lines, accepted, duplicates, conflicts, rejected, "
                        + "(SELECT count(*) FROM ingest_rejection r WHERE r.ingest_id = i.id) AS stored_rejections "
                        + "FROM ingest_run i WHERE id = :id")
                .bind("id", report.ingestId()).mapToMap().one());
        assertThat(run).containsEntry("lines", report.lines()).containsEntry("accepted", report.accepted())
                .containsEntry("duplicates", report.duplicates()).containsEntry("conflicts", report.conflicts())
                .containsEntry("rejected", report.rejected()).containsEntry("stored_rejections", (long) report.rejected());
    }

    private static Map<Key, Double> storedRows(String tag) {
        Map<Key, Double> rows = new HashMap<>();
        db.jdbi().useHandle(h -> h.createQuery("SELECT se.metric, se.symbol, se.source, s.ts, s.value FROM sample s "
                        + "JOIN series se ON se.id = s.series_id WHERE se.source IN (:a, :b)")
                .bind("a", tag).bind("b", tag + "-b")
                .map((rs, ctx) -> Map.entry(new Key(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()), signless(rs.getDouble(5))))
                .forEach(entry -> rows.put(entry.getKey(), entry.getValue())));
        return rows;
    }

    /** -0 and 0 are one value to SQL (and JSON Lines may drop the sign); compare them as one. */
    private static double signless(double value) {
        return value + 0.0;
    }

    private static String url() {
        return ((PGSimpleDataSource) db.dataSource()).getURL();
    }
}
