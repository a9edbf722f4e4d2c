package io.graygate.intake;

import org.junit.jupiter.api.Tag;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Loads real files into a real, freshly migrated PostgreSQL and checks what landed in {@code sample},
 * {@code ingest_run}, {@code ingest_rejection} and {@code ingest_conflict}. Tests share the class's
 * database, so each one writes its own series (its own {@code source}, or its own days) and reads rows
 * back by the ingest run's id.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class IngestTest {
    private static final String HEADER = "ts,metric,value,symbol,source";

    private static Jdbi jdbi;
    private static Ingester ingester;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp(Database db) {
        jdbi = db.jdbi();
        ingester = new Ingester(jdbi, ConfigLoader.load(Path.of("config/release.yaml")).catalogue(),
                java.time.Clock.fixed(java.time.Instant.parse("2040-01-01T00:00:00Z"), java.time.ZoneOffset.UTC), Ingester.DEFAULT_FUTURE_SKEW);
    }

    // ------------------------------------------------------------------------------------------ good input

    @Test
    void goodCsvLinesLandInSampleWithTheirSeries() throws IOException {
        Path file = write("good.csv", HEADER,
                "2026-01-05T10:00:00Z,uptime_ratio,0.9995,,good-csv",
                "2026-01-05T12:30:00+02:00,mode_switch_count,6,ETHUSDT,good-csv",
                "2026-01-05T10:00:00.250Z,zscore,-1.25e0,BTCUSDT,good-csv",
                "  2026-01-05T11:00:00Z , crash_count , 0 , , good-csv  ");

        IngestReport report = ingester.ingestFile(file);

        assertCounts(report, 4, 4, 0, 0, 0);
        assertThat(report.origin()).isEqualTo(file.toString());
        assertThat(report.summary()).isEqualTo(file + ": 4 lines: 4 accepted, 0 duplicates, 0 conflicts, 0 rejected");
        assertThat(rowsOf(report.ingestId())).containsExactlyInAnyOrder(
                new Row("uptime_ratio", "", "good-csv", Instant.parse("2026-01-05T10:00:00Z"), 0.9995),
                new Row("mode_switch_count", "ETHUSDT", "good-csv", Instant.parse("2026-01-05T10:30:00Z"), 6.0),
                new Row("zscore", "BTCUSDT", "good-csv", Instant.parse("2026-01-05T10:00:00.250Z"), -1.25),
                new Row("crash_count", "", "good-csv", Instant.parse("2026-01-05T11:00:00Z"), 0.0));
        assertThat(runFormat(report.ingestId())).isEqualTo("CSV");
    }

    @Test
    void csvColumnsMayComeInAnyOrder() throws IOException {
        Path file = write("reordered.csv", "source,value,symbol,ts,metric",
                "reordered,0.42,ETHUSDT,2026-01-06T00:00:00Z,ofi_signal_quality",
                "reordered,17,,2026-01-06T00:00:00Z,param_update_latency_ms");

        IngestReport report = ingester.ingestFile(file);

        assertCounts(report, 2, 2, 0, 0, 0);
        assertThat(rowsOf(report.ingestId())).containsExactlyInAnyOrder(
                new Row("ofi_signal_quality", "ETHUSDT", "reordered", Instant.parse("2026-01-06T00:00:00Z"), 0.42),
                new Row("param_update_latency_ms", "", "reordered", Instant.parse("2026-01-06T00:00:00Z"), 17.0));
    }

    @Test
    void csvWithoutSymbolAndSourceColumnsStoresEmptyStrings() throws IOException {
        Path file = write("minimal.csv", "value,metric,ts",
                "0.25,cpu_ratio,2030-03-01T00:00:00Z",
                "1073741824,memory_bytes,2030-03-01T00:00:00Z");

        IngestReport report = ingester.ingestFile(file);

        assertCounts(report, 2, 2, 0, 0, 0);
        assertThat(rowsOf(report.ingestId())).containsExactlyInAnyOrder(
                new Row("cpu_ratio", "", "", Instant.parse("2030-03-01T00:00:00Z"), 0.25),
                new Row("memory_bytes", "", "", Instant.parse("2030-03-01T00:00:00Z"), 1073741824.0));
    }

    @Test
    void csvWithoutSymbolColumnRejectsPerSymbolMetrics() throws IOException {
        Path file = write("nosymbol.csv", "ts,metric,value",
                "2030-03-02T00:00:00Z,crash_count,0",
                "2030-03-02T00:00:00Z,activity,0.7");

        IngestReport report = ingester.ingestFile(file);

        assertCounts(report, 2, 1, 0, 0, 1);
        assertThat(report.rejections()).extracting(Rejection::line, Rejection::reason)
                .containsExactly(tuple(3, "symbol: missing; activity is reported per symbol"));
    }

    @Test
    void jsonLinesLand() throws IOException {
        Path file = write("good.jsonl",
                "{\"ts\":\"2026-01-07T00:00:00Z\",\"metric\":\"activity\",\"value\":0.75,\"symbol\":\"SOLUSDT\",\"source\":\"jsonl\"}",
                "{\"metric\":\"crash_count\",\"value\":0,\"ts\":\"2026-01-07T01:00:00-01:00\",\"source\":\"jsonl\"}",
                "{\"ts\":\"2026-01-07T03:00:00Z\",\"metric\":\"cpu_ratio\",\"value\":\"0.5\",\"symbol\":null,\"source\":\"jsonl\"}",
                "",
                "{\"ts\":\"2026-01-07T04:00:00Z\",\"metric\":\"memory_bytes\",\"value\":2e9,\"source\":\"jsonl\"}");

        IngestReport report = ingester.ingestFile(file);

        assertCounts(report, 4, 4, 0, 0, 0);
        assertThat(runFormat(report.ingestId())).isEqualTo("JSONL");
        assertThat(rowsOf(report.ingestId())).containsExactlyInAnyOrder(
                new Row("activity", "SOLUSDT", "jsonl", Instant.parse("2026-01-07T00:00:00Z"), 0.75),
                new Row("crash_count", "", "jsonl", Instant.parse("2026-01-07T02:00:00Z"), 0.0),
                new Row("cpu_ratio", "", "jsonl", Instant.parse("2026-01-07T03:00:00Z"), 0.5),
                new Row("memory_bytes", "", "jsonl", Instant.parse("2026-01-07T04:00:00Z"), 2e9));
    }

    @Test
    void ingestFromAStreamRecordsTheGivenOrigin() {
        String csv = HEADER + "\n2026-01-08T00:00:00Z,strategy_return,0.013,XRPUSDT,stream\n";
        IngestReport report = ingester.ingest("push:client-7", InputFormat.CSV,
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));

        assertCounts(report, 1, 1, 0, 0, 0);
        assertThat(report.origin()).isEqualTo("push:client-7");
        String storedOrigin = jdbi.withHandle(h -> h.createQuery("SELECT origin FROM ingest_run WHERE id = :id")
                .bind("id", report.ingestId()).mapTo(String.class).one());
        assertThat(storedOrigin).isEqualTo("push:client-7");
        assertThat(rowsOf(report.ingestId())).containsExactly(
                new Row("strategy_return", "XRPUSDT", "stream", Instant.parse("2026-01-08T00:00:00Z"), 0.013));

        String json = "{\"ts\":\"2026-01-08T00:00:00Z\",\"metric\":\"strategy_return\",\"value\":0.02,\"symbol\":\"ADAUSDT\",\"source\":\"stream\"}";
        IngestReport jsonReport = ingester.ingest("push:client-8", InputFormat.JSONL,
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertCounts(jsonReport, 1, 1, 0, 0, 0);
        assertThat(rowsOf(jsonReport.ingestId())).containsExactly(
                new Row("strategy_return", "ADAUSDT", "stream", Instant.parse("2026-01-08T00:00:00Z"), 0.02));
    }

    @Test
    void byteOrderMarkCrLfAndGzipAreRead() throws IOException {
        String text = "\uFEFF" + HEADER + "\r\n"
                + "2026-01-09T00:00:00Z,cpu_ratio,0.3,,crlf\r\n"
                + "2026-01-09T01:00:00Z,cpu_ratio,0.4,,crlf\r\n";
        Path crlf = dir.resolve("crlf.csv");
        Files.writeString(crlf, text, StandardCharsets.UTF_8);
        IngestReport report = ingester.ingestFile(crlf);
        assertCounts(report, 2, 2, 0, 0, 0);
        assertThat(rowsOf(report.ingestId())).extracting(Row::value).containsExactlyInAnyOrder(0.3, 0.4);

        Path gz = dir.resolve("packed.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(("{\"ts\":\"2026-01-09T00:00:00Z\",\"metric\":\"cpu_ratio\",\"value\":0.6,\"source\":\"gz\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        IngestReport packed = ingester.ingestFile(gz);
        assertCounts(packed, 1, 1, 0, 0, 0);
        assertThat(runFormat(packed.ingestId())).isEqualTo("JSONL");
        assertThat(rowsOf(packed.ingestId())).containsExactly(
                new Row("cpu_ratio", "", "gz", Instant.parse("2026-01-09T00:00:00Z"), 0.6));
    }

    // ------------------------------------------------------------------------------------------ duplicates and conflicts

    @Test
    void theSameFileTwiceIsAllDuplicatesTheSecondTime() throws IOException {
        Path file = write("twice.csv", HEADER,
                "2026-01-10T00:00:00Z,cpu_ratio,0.31,,twice",
                "2026-01-10T01:00:00Z,cpu_ratio,0.32,,twice",
                "2026-01-10T00:00:00Z,activity,0.9,ETHUSDT,twice");

        IngestReport first = ingester.ingestFile(file);
        assertCounts(first, 3, 3, 0, 0, 0);
        long rowsAfterFirst = sampleCount("twice");

        IngestReport second = ingester.ingestFile(file);
        assertCounts(second, 3, 0, 3, 0, 0);
        assertThat(second.ingestId()).isNotEqualTo(first.ingestId());
        assertThat(sampleCount("twice")).isEqualTo(rowsAfterFirst).isEqualTo(3);
        assertThat(rowsOf(second.ingestId())).isEmpty();
        assertThat(rowsOf(first.ingestId())).hasSize(3);
        assertThat(conflictRows(second.ingestId())).isEmpty();
    }

    @Test
    void aConflictKeepsTheFirstValueAndRecordsTheOffer() throws IOException {
        Path firstFile = write("conflict-a.csv", HEADER,
                "2026-01-11T00:00:00Z,data_loss_ratio,0.001,,conflict",
                "2026-01-11T01:00:00Z,data_loss_ratio,0.002,,conflict");
        IngestReport first = ingester.ingestFile(firstFile);
        assertCounts(first, 2, 2, 0, 0, 0);

        Path secondFile = write("conflict-b.csv", HEADER,
                "2026-01-11T01:00:00Z,data_loss_ratio,0.002,,conflict",
                "2026-01-11T00:00:00Z,data_loss_ratio,0.005,,conflict",
                "2026-01-11T02:00:00Z,data_loss_ratio,0.003,,conflict");
        IngestReport second = ingester.ingestFile(secondFile);

        assertCounts(second, 3, 1, 1, 1, 0);
        assertThat(valueAt("data_loss_ratio", "", "conflict", "2026-01-11T00:00:00Z")).isEqualTo(0.001);
        assertThat(ingestIdAt("data_loss_ratio", "", "conflict", "2026-01-11T00:00:00Z")).isEqualTo(first.ingestId());
        assertThat(second.conflictDetails()).containsExactly(new Conflict(secondFile.toString(), 3, "data_loss_ratio", "",
                Instant.parse("2026-01-11T00:00:00Z"), 0.001, 0.005));
        assertThat(second.conflictDetails().get(0).toString()).isEqualTo(secondFile + ":3: conflict: data_loss_ratio at "
                + "2026-01-11T00:00:00Z is already 0.001; kept it and ignored 0.005");
        assertThat(conflictRows(second.ingestId())).containsExactly(
                new ConflictRow(secondFile.toString(), 3, "data_loss_ratio", "", "conflict",
                        Instant.parse("2026-01-11T00:00:00Z"), 0.001, 0.005));
        assertThat(sampleCount("conflict")).isEqualTo(3);
    }

    @Test
    void withinOneFileTheFirstOfTwoConflictingLinesIsKept() throws IOException {
        Path file = write("inner.csv", HEADER,
                "2026-01-12T00:00:00Z,cpu_ratio,0.9,,inner",
                "2026-01-12T00:00:00Z,cpu_ratio,0.1,,inner",
                "2026-01-12T00:00:00Z,cpu_ratio,0.9,,inner",
                "2026-01-12T00:00:00Z,activity,0.2,BNBUSDT,inner",
                "2026-01-12T00:00:00.000+00:00,activity,0.8,BNBUSDT,inner");

        IngestReport report = ingester.ingestFile(file);

        assertCounts(report, 5, 2, 1, 2, 0);
        assertThat(valueAt("cpu_ratio", "", "inner", "2026-01-12T00:00:00Z")).isEqualTo(0.9);
        assertThat(valueAt("activity", "BNBUSDT", "inner", "2026-01-12T00:00:00Z")).isEqualTo(0.2);
        assertThat(report.conflictDetails()).extracting(Conflict::line, Conflict::keptValue, Conflict::offeredValue)
                .containsExactly(tuple(3, 0.9, 0.1), tuple(6, 0.2, 0.8));
        assertThat(conflictRows(report.ingestId())).extracting(ConflictRow::line, ConflictRow::kept, ConflictRow::offered)
                .containsExactly(tuple(3, 0.9, 0.1), tuple(6, 0.2, 0.8));
    }

    @Test
    void withinALargeFileTheFirstValueWinsForEveryKey() throws IOException {
        // Enough rows to span many COPY chunks and staging pages: the first line of each key must still win.
        int keys = 6000;
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        Instant start = Instant.parse("2026-02-01T00:00:00Z");
        for (int i = 0; i < keys; i++) {
            lines.add(start.plusSeconds(i) + ",param_update_latency_ms," + (i % 97) + ",,bulk");
        }
        for (int i = keys - 1; i >= 0; i--) {
            lines.add(start.plusSeconds(i) + ",param_update_latency_ms," + (1000 + i % 97) + ",,bulk");
        }
        Path file = dir.resolve("bulk.csv");
        Files.write(file, lines, StandardCharsets.UTF_8);

        IngestReport report = ingester.ingestFile(file);

        assertCounts(report, 2 * keys, keys, 0, keys, 0);
        assertThat(count("SELECT count(*) FROM sample s JOIN series se ON se.id = s.series_id "
                + "WHERE se.source = 'bulk' AND s.value >= 1000")).isZero();
        assertThat(conflictRows(report.ingestId())).allSatisfy(c -> {
            assertThat(c.kept()).isLessThan(1000);
            assertThat(c.offered()).isEqualTo(c.kept() + 1000);
        });
    }

    // ------------------------------------------------------------------------------------------ bad lines

    @Test
    void everyKindOfBadCsvLineIsRejectedAndKeptWhileGoodLinesLand() throws IOException {
        FileBuilder f = new FileBuilder(HEADER);
        f.good("2026-01-13T00:00:00Z,crash_count,0,,badcsv");
        f.bad("2026-13-45T00:00:00Z,crash_count,0,,badcsv", "ts: bad timestamp '2026-13-45T00:00:00Z'");
        f.bad("2026-01-13 00:00:00Z,crash_count,0,,badcsv", "ts: bad timestamp '2026-01-13 00:00:00Z'");
        f.bad("2026-01-13T00:00:00,crash_count,0,,badcsv", "ts: timestamp '2026-01-13T00:00:00' has no UTC offset");
        f.bad("2026-01-13T00:00:00Z,crash_cnt,0,,badcsv", "metric: unknown metric 'crash_cnt'");
        f.bad("2026-01-13T00:00:00Z,cpu_ratio,NaN,,badcsv", "value: NaN is not a number");
        f.blank();
        f.bad("2026-01-13T00:00:00Z,memory_bytes,Infinity,,badcsv", "value: Infinity is not a number");
        f.bad("2026-01-13T00:00:00Z,memory_bytes,-inf,,badcsv", "value: Infinity is not a number");
        f.bad("2026-01-13T00:00:00Z,memory_bytes,1e999,,badcsv", "value: '1e999' is too large");
        f.bad("2026-01-13T00:00:00Z,memory_bytes,12MB,,badcsv", "value: '12MB' is not a number");
        f.bad("2026-01-13T00:00:00Z,memory_bytes,,,badcsv", "value: '' is not a number");
        f.bad("2026-01-13T00:00:00Z,uptime_ratio,1.5,,badcsv", "value: value 1.5 is above the maximum 1.0 for uptime_ratio");
        f.bad("2026-01-13T00:00:00Z,crash_count,-1,,badcsv", "value: value -1.0 is below the minimum 0.0 for crash_count");
        f.bad("2026-01-13T00:00:00Z,crash_count,1.5,,badcsv", "value: value 1.5 is not a whole number, as crash_count requires");
        f.good("2026-01-13T01:00:00Z,uptime_ratio,1,,badcsv");
        f.bad("2026-01-13T00:00:00Z,zscore,0.3,,badcsv", "symbol: missing; zscore is reported per symbol");
        f.bad("2026-01-13T00:00:00Z,activity,0.3,ETH USDT,badcsv", "symbol: 'ETH USDT' is not a valid name");
        f.bad("2026-01-13T00:00:00Z,crash_count,0", "wrong column count: expected 5, got 3");
        f.bad("2026-01-13T00:00:00Z,crash_count,0,,badcsv,extra", "wrong column count: expected 5, got 6");
        f.badBytes(concat("2026-01-13T00:00:00Z,activity,0.5,ETH".getBytes(StandardCharsets.US_ASCII),
                        new byte[] {(byte) 0xC3, (byte) 0x28}, "USDT,badcsv".getBytes(StandardCharsets.US_ASCII)),
                "2026-01-13T00:00:00Z,activity,0.5,ETH\uFFFD(USDT,badcsv",
                "bad UTF-8: the line is not valid UTF-8 text");
        f.bad("2026-01-13T00:00:00Z,\"crash_count,0,,badcsv", "malformed CSV quoting");
        f.bad("\"2026-01-13T00:00:00Z\"x,crash_count,0,,badcsv", "malformed CSV quoting");
        f.good("\"2026-01-13T02:00:00Z\",\"activity\",\"0.5\",\"ETHUSDT\",\"badcsv\"");
        Path file = f.write(dir.resolve("bad.csv"));

        IngestReport report = ingester.ingestFile(file);

        f.assertReport(report, file);
        assertThat(rowsOf(report.ingestId())).containsExactlyInAnyOrder(
                new Row("crash_count", "", "badcsv", Instant.parse("2026-01-13T00:00:00Z"), 0.0),
                new Row("uptime_ratio", "", "badcsv", Instant.parse("2026-01-13T01:00:00Z"), 1.0),
                new Row("activity", "ETHUSDT", "badcsv", Instant.parse("2026-01-13T02:00:00Z"), 0.5));
    }

    @Test
    void everyKindOfBadJsonLineIsRejectedAndKeptWhileGoodLinesLand() throws IOException {
        FileBuilder f = new FileBuilder(null);
        f.good("{\"ts\":\"2026-01-14T00:00:00Z\",\"metric\":\"crash_count\",\"value\":0,\"source\":\"badjson\"}");
        f.bad("[1,2,3]", "expected a JSON object");
        f.bad("\"just text\"", "expected a JSON object");
        f.bad("null", "expected a JSON object");
        f.bad("{\"ts\":\"2026-01-14T00:00:00Z\",\"metric\":\"crash_count\",\"value\":0,\"source\":\"badjson\",\"host\":\"a\"}",
                "unknown field 'host'; expected ts, metric, value, symbol, source");
        f.bad("{\"metric\":\"crash_count\",\"value\":0,\"source\":\"badjson\"}", "missing field 'ts'");
        f.bad("{\"ts\":\"2026-01-14T00:00:00Z\",\"value\":0,\"source\":\"badjson\"}", "missing field 'metric'");
        f.bad("{\"ts\":\"2026-01-14T00:00:00Z\",\"metric\":\"crash_count\",\"source\":\"badjson\"}", "missing field 'value'");
        f.bad("{\"ts\":\"2026-01-14T00:00:00Z\",\"metric\":\"crash_count\",\"value\":true,\"source\":\"badjson\"}",
                "field 'value' must be a number, got true");
        f.bad("{\"ts\":1700000000,\"metric\":\"crash_count\",\"value\":0,\"source\":\"badjson\"}",
                "field 'ts' must be a string, got 1700000000");
        f.bad("{\"ts\":\"2026-01-14T00:00:00Z\",\"metric\":\"crash_count\",", "not valid JSON: ");
        f.bad("{\"ts\":\"2026-01-14T00:00:00Z\"} {}", "not valid JSON: ");
        f.bad("{\"ts\":\"2026-01-14T00:00:00Z\",\"metric\":\"cpu_ratio\",\"value\":\"NaN\",\"source\":\"badjson\"}",
                "value: NaN is not a number");
        f.bad("{\"ts\":\"2026-01-14T00:00:00Z\",\"metric\":\"crash_count\",\"value\":2.5,\"source\":\"badjson\"}",
                "value: value 2.5 is not a whole number, as crash_count requires");
        f.bad("{\"ts\":\"2026-01-14T00:00:00\",\"metric\":\"crash_count\",\"value\":0,\"source\":\"badjson\"}",
                "ts: timestamp '2026-01-14T00:00:00' has no UTC offset");
        f.bad("{\"ts\":\"2026-01-14T00:00:00Z\",\"metric\":\"ofi_signal_quality\",\"value\":0.5,\"source\":\"badjson\"}",
                "symbol: missing; ofi_signal_quality is reported per symbol");
        f.good("{\"ts\":\"2026-01-14T01:00:00Z\",\"metric\":\"ofi_signal_quality\",\"value\":0.5,\"symbol\":\"ETHUSDT\",\"source\":\"badjson\"}");
        Path file = f.write(dir.resolve("bad.jsonl"));

        IngestReport report = ingester.ingestFile(file);

        f.assertReport(report, file);
        assertThat(rowsOf(report.ingestId())).containsExactlyInAnyOrder(
                new Row("crash_count", "", "badjson", Instant.parse("2026-01-14T00:00:00Z"), 0.0),
                new Row("ofi_signal_quality", "ETHUSDT", "badjson", Instant.parse("2026-01-14T01:00:00Z"), 0.5));
    }

    @Test
    void aFileOfOnlyBadLinesIsStoredAsARunWithRejections() throws IOException {
        Path file = write("allbad.csv", HEADER, "x,y,z,,", "2026-01-15T00:00:00Z,crash_count,-3,,allbad");

        IngestReport report = ingester.ingestFile(file);

        assertCounts(report, 2, 0, 0, 0, 2);
        assertThat(rejectionRows(report.ingestId())).extracting(RejectionRow::line, RejectionRow::reason)
                .containsExactly(tuple(2, "ts: bad timestamp 'x'; expected ISO-8601 like 2026-01-05T10:00:00Z"),
                        tuple(3, "value: value -3.0 is below the minimum 0.0 for crash_count"));
    }

    /** A year-9999 sample cleared the stale-data alert for good: samples more than the skew ahead of now are refused. */
    @Test
    void aSampleFromTheFutureIsRefusedWithItsReason() throws IOException {
        Ingester at = new Ingester(jdbi, ConfigLoader.load(Path.of("config/release.yaml")).catalogue(),
                java.time.Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), java.time.ZoneOffset.UTC), java.time.Duration.ofMinutes(10));
        Path file = write("future.csv", HEADER,
                "2026-06-01T12:09:59Z,crash_count,0,,skew",
                "2026-06-01T12:10:01Z,crash_count,0,,skew",
                "9999-12-31T00:00:00Z,crash_count,0,,skew");

        IngestReport report = at.ingestFile(file);

        assertCounts(report, 3, 1, 0, 0, 2);
        assertThat(report.rejections()).extracting(Rejection::line).containsExactly(3, 4);
        assertThat(report.rejections()).allSatisfy(r -> assertThat(r.reason()).contains("is in the future")
                .contains("accepted up to 2026-06-01T12:10:00Z"));
    }

    /** Pre-1582 dates were reported as duplicates and lost: samples before 1900 are refused with their reason. */
    @Test
    void aSampleBefore1900IsRefusedNotLostAsADuplicate() throws IOException {
        Path file = write("old.csv", HEADER,
                "1900-01-01T00:00:00Z,crash_count,0,,old",
                "1899-12-31T23:59:59Z,crash_count,0,,old",
                "1500-03-01T00:00:00Z,crash_count,0,,old");

        IngestReport report = ingester.ingestFile(file);

        assertCounts(report, 3, 1, 0, 0, 2);
        assertThat(report.rejections()).extracting(Rejection::line).containsExactly(3, 4);
        assertThat(report.rejections()).allSatisfy(r -> assertThat(r.reason()).contains("is before 1900-01-01T00:00:00Z"));
    }

    /**
     * BUG (see report): a timestamp that Java parses but PostgreSQL cannot store (year 0, negative years,
     * years above 9999 written as +10000) passes validation, breaks the COPY and fails the whole file,
     * instead of being rejected as one bad line.
     */
    @Test

    void aTimestampPostgresCannotStoreIsRejectedAsOneLine() throws IOException {
        Path file = write("year0.csv", HEADER,
                "2026-01-16T00:00:00Z,crash_count,0,,year0",
                "0000-01-01T00:00:00Z,crash_count,0,,year0",
                "+10000-01-01T00:00:00Z,crash_count,0,,year0");

        IngestReport report = ingester.ingestFile(file);

        assertCounts(report, 3, 1, 0, 0, 2);
        assertThat(report.rejections()).extracting(Rejection::line).containsExactly(3, 4);
        assertThat(report.rejections()).allSatisfy(r -> assertThat(r.reason()).startsWith("ts: "));
    }

    /**
     * BUG (see report): a NUL character in a field ends up in the rejection reason (which quotes the field);
     * PostgreSQL text cannot hold NUL, so storing the rejection fails and the whole file is lost.
     */
    @Test

    void aNulCharacterInAFieldIsRejectedAsOneLine() throws IOException {
        Path file = dir.resolve("nul.csv");
        Files.writeString(file, HEADER + "\n2026-01-16T00:00:00Z,crash_count,0,,nul\n"
                + "2026-01-16T01:00:00Z,crash\u0000count,0,,nul\n", StandardCharsets.UTF_8);

        IngestReport report = ingester.ingestFile(file);

        assertCounts(report, 2, 1, 0, 0, 1);
        assertThat(report.rejections()).extracting(Rejection::line).containsExactly(3);
        assertThat(report.rejections().get(0).reason()).isEqualTo("NUL byte in the line: the file is corrupt or was cut short");
    }

    /**
     * BUG (see report): CSV strips a UTF-8 byte order mark before the header, JSON Lines does not, so a
     * JSONL file saved with a BOM loses its first line as "not valid JSON".
     */
    @Test

    void aByteOrderMarkBeforeJsonLinesIsIgnored() throws IOException {
        Path file = dir.resolve("bom.jsonl");
        Files.writeString(file, "\uFEFF{\"ts\":\"2026-01-16T00:00:00Z\",\"metric\":\"cpu_ratio\",\"value\":0.1,\"source\":\"bom\"}\n",
                StandardCharsets.UTF_8);

        IngestReport report = ingester.ingestFile(file);

        assertThat(report.rejections()).isEmpty();
        assertCounts(report, 1, 1, 0, 0, 0);
    }

    // ------------------------------------------------------------------------------------------ unusable input

    @Test
    void aBadHeaderThrowsNamingLineOneAndStoresNothing() throws IOException {
        Path unknown = write("unknown-col.csv", "ts,metric,val,symbol", "2026-01-17T00:00:00Z,crash_count,0,");
        assertThatThrownBy(() -> ingester.ingestFile(unknown))
                .isInstanceOf(IngestException.class)
                .hasMessage(unknown + ":1: bad header: unknown column 'val'; expected ts,metric,value[,symbol][,source]");

        Path missing = write("missing-col.csv", "ts,metric,symbol", "2026-01-17T00:00:00Z,crash_count,");
        assertThatThrownBy(() -> ingester.ingestFile(missing))
                .isInstanceOf(IngestException.class)
                .hasMessage(missing + ":1: bad header: missing column 'value'; expected ts,metric,value[,symbol][,source]");

        Path twice = write("twice-col.csv", "ts,metric,value,ts");
        assertThatThrownBy(() -> ingester.ingestFile(twice))
                .isInstanceOf(IngestException.class)
                .hasMessage(twice + ":1: bad header: column 'ts' appears twice");

        Path dataFirst = write("no-header.csv", "2026-01-17T00:00:00Z,crash_count,0", "2026-01-17T01:00:00Z,crash_count,0");
        assertThatThrownBy(() -> ingester.ingestFile(dataFirst))
                .isInstanceOf(IngestException.class)
                .hasMessageStartingWith(dataFirst + ":1: bad header: unknown column '2026-01-17T00:00:00Z'");

        Path badBytes = dir.resolve("bad-bytes-header.csv");
        Files.write(badBytes, concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "ts,metric,value\n".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> ingester.ingestFile(badBytes))
                .isInstanceOf(IngestException.class)
                .hasMessage(badBytes + ":1: bad header: not valid UTF-8");

        assertThat(count("SELECT count(*) FROM ingest_run WHERE origin LIKE :p", dir + "%")).isZero();
    }

    @Test
    void aMissingFileThrowsFileNotFound() {
        Path absent = dir.resolve("does-not-exist.csv");
        assertThatThrownBy(() -> ingester.ingestFile(absent))
                .isInstanceOf(IngestException.class)
                .hasMessage(absent + ": file not found");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private record Row(String metric, String symbol, String source, Instant ts, double value) {
    }

    private record RejectionRow(String origin, int line, String raw, String reason) {
    }

    private record ConflictRow(String origin, int line, String metric, String symbol, String source, Instant ts,
                               double kept, double offered) {
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static List<Row> rowsOf(long ingestId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT se.metric, se.symbol, se.source, s.ts, s.value "
                        + "FROM sample s JOIN series se ON se.id = s.series_id WHERE s.ingest_id = :id")
                .bind("id", ingestId)
                .map((rs, ctx) -> new Row(rs.getString("metric"), rs.getString("symbol"), rs.getString("source"),
                        rs.getObject("ts", OffsetDateTime.class).toInstant(), rs.getDouble("value")))
                .list());
    }

    private static List<RejectionRow> rejectionRows(long ingestId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT origin, line, raw, reason FROM ingest_rejection "
                        + "WHERE ingest_id = :id ORDER BY line")
                .bind("id", ingestId)
                .map((rs, ctx) -> new RejectionRow(rs.getString("origin"), rs.getInt("line"), rs.getString("raw"),
                        rs.getString("reason")))
                .list());
    }

    private static List<ConflictRow> conflictRows(long ingestId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT c.origin, c.line, se.metric, se.symbol, se.source, c.ts, "
                        + "c.kept_value, c.offered_value FROM ingest_conflict c JOIN series se ON se.id = c.series_id "
                        + "WHERE c.ingest_id = :id ORDER BY c.line")
                .bind("id", ingestId)
                .map((rs, ctx) -> new ConflictRow(rs.getString("origin"), rs.getInt("line"), rs.getString("metric"),
                        rs.getString("symbol"), rs.getString("source"),
                        rs.getObject("ts", OffsetDateTime.class).toInstant(), rs.getDouble("kept_value"),
                        rs.getDouble("offered_value")))
                .list());
    }

    private static long count(String sql, Object... parameter) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql);
            if (parameter.length > 0) {
                query.bind("p", parameter[0]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    private static long sampleCount(String source) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM sample s JOIN series se ON se.id = s.series_id "
                + "WHERE se.source = :source").bind("source", source).mapTo(Long.class).one());
    }

    private static double valueAt(String metric, String symbol, String source, String ts) {
        return jdbi.withHandle(h -> h.createQuery("SELECT s.value FROM sample s JOIN series se ON se.id = s.series_id "
                        + "WHERE se.metric = :m AND se.symbol = :sym AND se.source = :src AND s.ts = CAST(:ts AS timestamptz)")
                .bind("m", metric).bind("sym", symbol).bind("src", source).bind("ts", ts)
                .mapTo(Double.class).one());
    }

    private static long ingestIdAt(String metric, String symbol, String source, String ts) {
        return jdbi.withHandle(h -> h.createQuery("SELECT s.ingest_id FROM sample s JOIN series se ON se.id = s.series_id "
                        + "WHERE se.metric = :m AND se.symbol = :sym AND se.source = :src AND s.ts = CAST(:ts AS timestamptz)")
                .bind("m", metric).bind("sym", symbol).bind("src", source).bind("ts", ts)
                .mapTo(Long.class).one());
    }

    private static String runFormat(long ingestId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT format FROM ingest_run WHERE id = :id")
                .bind("id", ingestId).mapTo(String.class).one());
    }

    /**
     * Checks the report's counts, that they add up, and that ingest_run, ingest_rejection, ingest_conflict
     * and sample agree with them.
     */
    private static void assertCounts(IngestReport report, int lines, int accepted, int duplicates, int conflicts,
                                     int rejected) {
        assertCounts(jdbi, report, lines, accepted, duplicates, conflicts, rejected);
    }

    static void assertCounts(Jdbi jdbi, IngestReport report, int lines, int accepted, int duplicates, int conflicts,
                             int rejected) {
        assertThat(List.of(report.lines(), report.accepted(), report.duplicates(), report.conflicts(), report.rejected()))
                .as("lines, accepted, duplicates, conflicts, rejected of %s", report.summary())
                .containsExactly(lines, accepted, duplicates, conflicts, rejected);
        assertThat(report.accepted() + report.duplicates() + report.conflicts() + report.rejected())
                .isEqualTo(report.lines());
        assertThat(report.rejections()).hasSize(rejected);
        assertThat(report.conflictDetails()).hasSize(conflicts);
        jdbi.useHandle(h -> {
            var run = h.createQuery("SELECT origin, lines, accepted, duplicates, conflicts, rejected, "
                            + "finished_at IS NOT NULL AS finished FROM ingest_run WHERE id = :id")
                    .bind("id", report.ingestId()).mapToMap().one();
            assertThat(run).containsEntry("origin", report.origin()).containsEntry("lines", lines)
                    .containsEntry("accepted", accepted).containsEntry("duplicates", duplicates)
                    .containsEntry("conflicts", conflicts).containsEntry("rejected", rejected)
                    .containsEntry("finished", true);
            assertThat(h.createQuery("SELECT count(*) FROM ingest_rejection WHERE ingest_id = :id")
                    .bind("id", report.ingestId()).mapTo(Integer.class).one()).isEqualTo(rejected);
            assertThat(h.createQuery("SELECT count(*) FROM ingest_conflict WHERE ingest_id = :id")
                    .bind("id", report.ingestId()).mapTo(Integer.class).one()).isEqualTo(conflicts);
            assertThat(h.createQuery("SELECT count(*) FROM sample WHERE ingest_id = :id")
                    .bind("id", report.ingestId()).mapTo(Integer.class).one()).isEqualTo(accepted);
        });
    }

    /** Builds a file line by line, remembering the line number, raw text and reason of every bad line. */
    private static final class FileBuilder {
        private record Expected(int line, String raw, String reasonPrefix) {
        }

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<Expected> expected = new ArrayList<>();
        private int line;
        private int dataLines;

        FileBuilder(String header) {
            if (header != null) {
                append(header.getBytes(StandardCharsets.UTF_8));
            }
        }

        private void append(byte[] text) {
            bytes.writeBytes(text);
            bytes.write('\n');
            line++;
        }

        void good(String text) {
            append(text.getBytes(StandardCharsets.UTF_8));
            dataLines++;
        }

        void blank() {
            append(new byte[0]);
        }

        void bad(String text, String reasonPrefix) {
            append(text.getBytes(StandardCharsets.UTF_8));
            dataLines++;
            expected.add(new Expected(line, text, reasonPrefix));
        }

        void badBytes(byte[] raw, String shownAs, String reasonPrefix) {
            append(raw);
            dataLines++;
            expected.add(new Expected(line, shownAs, reasonPrefix));
        }

        Path write(Path file) throws IOException {
            Files.write(file, bytes.toByteArray());
            return file;
        }

        void assertReport(IngestReport report, Path file) {
            int bad = expected.size();
            assertCounts(report, dataLines, dataLines - bad, 0, 0, bad);
            assertThat(report.rejections()).hasSize(bad);
            List<RejectionRow> stored = rejectionRows(report.ingestId());
            assertThat(stored).hasSize(bad);
            for (int i = 0; i < bad; i++) {
                Expected e = expected.get(i);
                Rejection r = report.rejections().get(i);
                assertThat(r.line()).as("line of rejection %d", i).isEqualTo(e.line());
                assertThat(r.origin()).isEqualTo(file.toString());
                assertThat(r.raw()).as("raw text of line %d", e.line()).isEqualTo(e.raw());
                assertThat(r.reason()).as("reason for line %d: %s", e.line(), e.raw()).startsWith(e.reasonPrefix());
                assertThat(r.toString()).isEqualTo(file + ":" + e.line() + ": " + r.reason());
                assertThat(stored.get(i)).isEqualTo(new RejectionRow(file.toString(), e.line(), e.raw(), r.reason()));
            }
        }
    }
}
