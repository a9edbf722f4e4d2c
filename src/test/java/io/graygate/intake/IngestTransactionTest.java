package io.graygate.intake;

import org.junit.jupiter.api.Tag;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.Database;
import io.graygate.platform.SampleDays;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file is one transaction: when the database fails part-way through a load, nothing of that file stays
 * (no samples, no run, no rejections). The failure is simulated with a trigger, created only in this test
 * class's own database, that refuses one particular sample value.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class IngestTransactionTest {
    private static final String HEADER = "ts,metric,value,symbol,source";
    private static final double POISON = 123456.789;

    private static Jdbi jdbi;
    private static Ingester ingester;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp(Database db) {
        jdbi = db.jdbi();
        ingester = new Ingester(jdbi, ConfigLoader.load(Path.of("config/release.yaml")).catalogue());
    }

    @AfterEach
    void dropPoison() {
        jdbi.useHandle(h -> {
            h.execute("DROP TRIGGER IF EXISTS test_poison ON sample");
            h.execute("DROP TRIGGER IF EXISTS test_poison_run ON ingest_run");
            h.execute("DROP FUNCTION IF EXISTS test_poison()");
        });
    }

    private void installPoison() {
        installPoison("CREATE TRIGGER test_poison BEFORE INSERT ON sample FOR EACH ROW "
                + "WHEN (NEW.value = " + POISON + ") EXECUTE FUNCTION test_poison()");
    }

    /** A trigger function that fails the statement, and the trigger that calls it. */
    private static void installPoison(String createTrigger) {
        jdbi.useHandle(h -> {
            h.execute("CREATE FUNCTION test_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "RAISE EXCEPTION 'test: simulated database failure'; END; $$");
            h.execute(createTrigger);
        });
    }

    @Test
    void aDatabaseFailureMidFileLeavesNothingOfThatFile() throws IOException {
        Path file = dir.resolve("atomic.csv");
        Files.write(file, List.of(HEADER,
                "2026-04-01T00:00:00Z,memory_bytes,1000,,atomic",
                "2026-04-01T00:00:00Z,memory_bytes,-1,,atomic",
                "2026-04-01T01:00:00Z,memory_bytes," + POISON + ",,atomic",
                "2026-04-01T02:00:00Z,memory_bytes,3000,,atomic"), StandardCharsets.UTF_8);
        // a day that has its partition already takes the keyed insert into sample, where the trigger fires
        jdbi.useHandle(h -> SampleDays.create(h, List.of(LocalDate.parse("2026-04-01"))));
        installPoison();

        assertThatThrownBy(() -> ingester.ingestFile(file)).hasStackTraceContaining("simulated database failure");

        assertThat(count("SELECT count(*) FROM sample s JOIN series se ON se.id = s.series_id WHERE se.source = 'atomic'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM ingest_run WHERE origin = '" + file + "'")).isZero();
        assertThat(count("SELECT count(*) FROM ingest_rejection WHERE origin = '" + file + "'")).isZero();

        // The same file loads completely once the database accepts it again.
        dropPoison();
        IngestReport report = ingester.ingestFile(file);
        IngestTest.assertCounts(jdbi, report, 4, 3, 0, 0, 1);
        assertThat(count("SELECT count(*) FROM sample s JOIN series se ON se.id = s.series_id WHERE se.source = 'atomic'"))
                .isEqualTo(3);
    }

    @Test
    void aFailureOfOneFileDoesNotUndoAnEarlierFile() throws IOException {
        Path earlier = dir.resolve("earlier.csv");
        Files.write(earlier, List.of(HEADER, "2026-04-02T00:00:00Z,memory_bytes,1,,earlier"), StandardCharsets.UTF_8);
        Path later = dir.resolve("later.csv");
        Files.write(later, List.of(HEADER, "2026-04-02T00:00:00Z,memory_bytes," + POISON + ",,later"), StandardCharsets.UTF_8);

        IngestReport first = ingester.ingestFile(earlier);
        installPoison();
        assertThatThrownBy(() -> ingester.ingestFile(later)).hasStackTraceContaining("simulated database failure");

        assertThat(count("SELECT count(*) FROM sample WHERE ingest_id = " + first.ingestId())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ingest_run WHERE origin = '" + later + "'")).isZero();
    }

    /**
     * A new day is built as a table of its own and attached; a failure after that (here: when the run is
     * marked finished, the load's last write) takes the built day with it, so the rerun builds it again.
     */
    @Test
    void aFailureAfterANewDayWasBuiltLeavesNoPartitionBehind() throws IOException {
        Path file = dir.resolve("newday.csv");
        Files.write(file, List.of(HEADER,
                "2026-04-05T00:00:00Z,memory_bytes,1,,newday",
                "2026-04-05T00:01:00Z,memory_bytes,2,,newday",
                "2026-04-06T00:00:00Z,memory_bytes,3,,newday"), StandardCharsets.UTF_8);
        installPoison("CREATE TRIGGER test_poison_run BEFORE UPDATE ON ingest_run FOR EACH ROW "
                + "WHEN (NEW.origin LIKE '%newday.csv') EXECUTE FUNCTION test_poison()");

        assertThatThrownBy(() -> ingester.ingestFile(file)).hasStackTraceContaining("simulated database failure");

        assertThat(count("SELECT count(*) FROM sample s JOIN series se ON se.id = s.series_id WHERE se.source = 'newday'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname IN ('sample_20260405', 'sample_20260406')"))
                .as("the days built by the failed load are gone with it").isZero();

        dropPoison();
        IngestReport report = ingester.ingestFile(file);
        IngestTest.assertCounts(jdbi, report, 3, 3, 0, 0, 0);
        assertThat(count("SELECT count(*) FROM sample_20260405")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM sample_20260406")).isEqualTo(1);
    }

    private static long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
