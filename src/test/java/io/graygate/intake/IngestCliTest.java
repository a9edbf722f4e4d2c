package io.graygate.intake;

import org.junit.jupiter.api.Tag;
import io.graygate.tools.cli.Main;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code graygate ingest}: what it prints on out and err, and its exit status, against the test database. */
@ExtendWith(TestDatabase.class)
@Tag("db")
class IngestCliTest {
    private static final String HEADER = "ts,metric,value,symbol,source";

    private static String url;
    private static Jdbi jdbi;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp(Database db) {
        assertThat(db.dataSource()).isInstanceOf(PGSimpleDataSource.class);
        url = ((PGSimpleDataSource) db.dataSource()).getURL();
        jdbi = db.jdbi();
    }

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            status = Main.run(args, o, e);
        }
        return new Result(status, out.toString(), err.toString());
    }

    private static Result ingest(Path... files) {
        String[] args = new String[files.length + 5];
        args[0] = "ingest";
        for (int i = 0; i < files.length; i++) {
            args[i + 1] = files[i].toString();
        }
        args[files.length + 1] = "--db-url";
        args[files.length + 2] = url;
        args[files.length + 3] = "--release";
        args[files.length + 4] = "config/release.yaml";
        return run(args);
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aCleanFileExitsZeroAndPrintsTheSummary() throws IOException {
        Path file = write("clean.csv", HEADER,
                "2026-03-01T00:00:00Z,cpu_ratio,0.2,,cli-clean",
                "2026-03-01T00:00:00Z,activity,0.4,ETHUSDT,cli-clean");

        Result result = ingest(file);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out().lines()).containsExactly(
                file + ": 2 lines: 2 accepted, 0 duplicates, 0 conflicts, 0 rejected");
        assertThat(count("SELECT count(*) FROM sample s JOIN series se ON se.id = s.series_id WHERE se.source = 'cli-clean'"))
                .isEqualTo(2);
    }

    @Test
    void aRejectedLineExitsOneAndPrintsFileLineReasonOnErr() throws IOException {
        Path file = write("rejects.csv", HEADER,
                "2026-03-02T00:00:00Z,cpu_ratio,0.2,,cli-bad",
                "2026-03-02T00:00:00Z,uptime_ratio,1.5,,cli-bad",
                "2026-03-02T00:00:00,crash_count,0,,cli-bad",
                "2026-03-02T01:00:00Z,cpu_ratio,0.3,,cli-bad");

        Result result = ingest(file);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err().lines()).containsExactly(
                file + ":3: value: value 1.5 is above the maximum 1.0 for uptime_ratio",
                file + ":4: ts: timestamp '2026-03-02T00:00:00' has no UTC offset; add Z or +hh:mm");
        assertThat(result.out().lines()).containsExactly(
                file + ": 4 lines: 2 accepted, 0 duplicates, 0 conflicts, 2 rejected");
        assertThat(count("SELECT count(*) FROM sample s JOIN series se ON se.id = s.series_id WHERE se.source = 'cli-bad'"))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM ingest_rejection WHERE origin = '" + file + "'")).isEqualTo(2);
    }

    @Test
    void conflictsAloneExitZeroAndArePrintedOnErr() throws IOException {
        Path first = write("conflict-1.csv", HEADER, "2026-03-03T00:00:00Z,cpu_ratio,0.2,,cli-conflict");
        Path second = write("conflict-2.csv", HEADER, "2026-03-03T00:00:00Z,cpu_ratio,0.7,,cli-conflict");

        Result result = ingest(first, second);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.err().lines()).containsExactly(second + ":2: conflict: cpu_ratio at 2026-03-03T00:00:00Z "
                + "is already 0.2; kept it and ignored 0.7");
        assertThat(result.out().lines()).containsExactly(
                first + ": 1 lines: 1 accepted, 0 duplicates, 0 conflicts, 0 rejected",
                second + ": 1 lines: 0 accepted, 0 duplicates, 1 conflicts, 0 rejected");
    }

    @Test
    void oneRejectedLineAmongSeveralFilesExitsOne() throws IOException {
        Path good = write("multi-good.jsonl",
                "{\"ts\":\"2026-03-04T00:00:00Z\",\"metric\":\"cpu_ratio\",\"value\":0.1,\"source\":\"cli-multi\"}");
        Path bad = write("multi-bad.jsonl", "[]");

        Result result = ingest(good, bad);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err().lines()).containsExactly(bad + ":1: expected a JSON object");
        assertThat(result.out().lines()).containsExactly(
                good + ": 1 lines: 1 accepted, 0 duplicates, 0 conflicts, 0 rejected",
                bad + ": 1 lines: 0 accepted, 0 duplicates, 0 conflicts, 1 rejected");
    }

    @Test
    void aMissingFileExitsTwo() {
        Path absent = dir.resolve("absent.csv");

        Result result = ingest(absent);

        assertThat(result.status()).isEqualTo(Main.EXIT_ERROR);
        assertThat(result.err()).contains("graygate: " + absent + ": file not found");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aBadHeaderExitsTwoNamingLineOne() throws IOException {
        Path file = write("bad-header.csv", "when,metric,value", "2026-03-05T00:00:00Z,cpu_ratio,0.1");

        Result result = ingest(file);

        assertThat(result.status()).isEqualTo(Main.EXIT_ERROR);
        assertThat(result.err()).contains("graygate: " + file + ":1: bad header: unknown column 'when'");
        assertThat(count("SELECT count(*) FROM ingest_run WHERE origin = '" + file + "'")).isZero();
    }

    private static long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
