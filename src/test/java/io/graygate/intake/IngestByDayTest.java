package io.graygate.intake;

import org.junit.jupiter.api.Tag;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code sample} is partitioned by UTC day: a load builds a day nothing is stored for as a table of its own
 * and attaches it; days that already hold samples, or whose rows repeat a key within the load, take the
 * keyed insert. Whichever path a day takes, what is stored and counted must be the same.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class IngestByDayTest {
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

    @Test
    void aNewDayBecomesItsOwnPartitionWithThePrimaryKey() throws IOException {
        Path file = write("fresh.csv",
                "2027-03-01T00:00:00Z,zscore,0.5,BTCUSDT,fresh",
                "2027-03-01T23:59:59.999999Z,zscore,0.7,BTCUSDT,fresh",
                "2027-03-01T12:00:00Z,crash_count,0,,fresh");

        IngestReport report = ingester.ingestFile(file);

        IngestTest.assertCounts(jdbi, report, 3, 3, 0, 0, 0);
        assertThat(report.daysBuilt()).containsExactly(LocalDate.parse("2027-03-01"));
        assertThat(partitionsOf("2027-03-01", "2027-03-02")).containsExactly("sample_20270301");
        assertThat(count("SELECT count(*) FROM sample_20270301")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM pg_index WHERE indexrelid = 'sample_20270301_pkey'::regclass AND indisprimary"))
                .as("the built day carries the primary key").isEqualTo(1);
        List<Long> runs = jdbi.withHandle(h -> h.createQuery("SELECT ingest_id FROM sample_20270301").mapTo(Long.class).list());
        assertThat(runs).as("every row names the run").containsOnly(report.ingestId());
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname LIKE 'ingest_staging%'")).isZero();
    }

    @Test
    void aKeyRepeatedWithinALoadOfOneNewDayFallsBackToTheKeyedInsert() throws IOException {
        IngestReport report = ingester.ingestFile(write("one-day-repeat.csv",
                "2027-03-20T10:00:00Z,zscore,1.0,BTCUSDT,one-day",
                "2027-03-20T10:01:00Z,zscore,2.0,BTCUSDT,one-day",
                "2027-03-20T10:00:00Z,zscore,7.0,BTCUSDT,one-day"));

        IngestTest.assertCounts(jdbi, report, 3, 2, 0, 1, 0);
        assertThat(report.daysBuilt()).isEmpty();
        assertThat(values("one-day")).containsExactly(1.0, 2.0);
        assertThat(partitionsOf("2027-03-20", "2027-03-21")).containsExactly("sample_20270320");
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname LIKE 'ingest_staging%'")).isZero();
    }

    @Test
    void aDayThatAlreadyHoldsSamplesKeepsThemAndCountsDuplicatesAndConflicts() throws IOException {
        ingester.ingestFile(write("first.csv",
                "2027-03-05T10:00:00Z,zscore,1.0,BTCUSDT,again",
                "2027-03-05T10:01:00Z,zscore,2.0,BTCUSDT,again"));

        IngestReport second = ingester.ingestFile(write("second.csv",
                "2027-03-05T10:00:00Z,zscore,1.0,BTCUSDT,again",
                "2027-03-05T10:01:00Z,zscore,9.0,BTCUSDT,again",
                "2027-03-05T10:02:00Z,zscore,3.0,BTCUSDT,again",
                "2027-03-06T10:00:00Z,zscore,4.0,BTCUSDT,again"));

        IngestTest.assertCounts(jdbi, second, 4, 2, 1, 1, 0);
        assertThat(second.daysBuilt()).as("03-05 existed, 03-06 is new").containsExactly(LocalDate.parse("2027-03-06"));
        assertThat(second.conflictDetails()).extracting(Conflict::line, Conflict::keptValue, Conflict::offeredValue)
                .containsExactly(tuple(3, 2.0, 9.0));
        assertThat(values("again")).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(partitionsOf("2027-03-05", "2027-03-07")).containsExactly("sample_20270305", "sample_20270306");
    }

    @Test
    void aKeyRepeatedWithinANewDayFallsBackToTheKeyedInsertWhereTheFirstLineWins() throws IOException {
        IngestReport report = ingester.ingestFile(write("repeat.csv",
                "2027-03-10T10:00:00Z,zscore,1.0,BTCUSDT,repeat",
                "2027-03-10T10:00:00Z,zscore,1.0,BTCUSDT,repeat",
                "2027-03-10T10:00:00Z,zscore,5.0,BTCUSDT,repeat",
                "2027-03-11T10:00:00Z,zscore,2.0,BTCUSDT,repeat"));

        IngestTest.assertCounts(jdbi, report, 4, 2, 1, 1, 0);
        assertThat(report.daysBuilt()).as("03-10 repeats a key").containsExactly(LocalDate.parse("2027-03-11"));
        assertThat(report.conflictDetails()).extracting(Conflict::line, Conflict::keptValue, Conflict::offeredValue)
                .containsExactly(tuple(4, 1.0, 5.0));
        assertThat(values("repeat")).containsExactly(1.0, 2.0);
        assertThat(partitionsOf("2027-03-10", "2027-03-12")).containsExactly("sample_20270310", "sample_20270311");
    }

    @Test
    void aLoadOverManyNewDaysBuildsEachOfThem() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int day = 1; day <= 9; day++) {
            for (int hour = 0; hour < 24; hour++) {
                lines.add(String.format("2027-04-%02dT%02d:00:00Z,zscore,%d.5,BTCUSDT,many", day, hour, day));
            }
        }

        IngestReport report = ingester.ingestFile(write("many.csv", lines.toArray(String[]::new)));

        IngestTest.assertCounts(jdbi, report, 216, 216, 0, 0, 0);
        assertThat(report.daysBuilt()).hasSize(9);
        assertThat(partitionsOf("2027-04-01", "2027-04-10")).hasSize(9);
        assertThat(count("SELECT count(*) FROM sample_20270405")).isEqualTo(24);
        assertThat(count("SELECT count(DISTINCT value) FROM sample_20270405")).as("only that day's rows").isEqualTo(1);
    }

    /**
     * A large load over a day that holds samples (the day's file after the day was pushed live) drops the
     * stored rows with one anti-join before its keyed insert; the counts and the kept values are the same.
     */
    @Test
    void aLargeLoadOverAStoredDayCountsItsDuplicatesConflictsAndNewRows() throws IOException {
        int symbols = 200;
        int minutes = SampleWriter.LARGE_LOAD / symbols + 100;
        List<String> firstHalf = new ArrayList<>();
        List<String> whole = new ArrayList<>();
        for (int minute = 0; minute < minutes; minute++) {
            for (int symbol = 0; symbol < symbols; symbol++) {
                String ts = String.format("2027-06-01T%02d:%02d:00Z", minute / 60, minute % 60);
                String line = ts + ",zscore," + (minute % 7) + ",S" + symbol + ",large";
                if (minute < minutes / 2) {
                    firstHalf.add(line);
                }
                boolean changed = minute == 3 && symbol < 10;   // ten stored samples offered with another value
                whole.add(changed ? ts + ",zscore,99,S" + symbol + ",large" : line);
            }
        }
        IngestReport first = ingester.ingestFile(write("large-1.csv", firstHalf.toArray(String[]::new)));
        IngestReport second = ingester.ingestFile(write("large-2.csv", whole.toArray(String[]::new)));

        int stored = firstHalf.size();
        IngestTest.assertCounts(jdbi, first, stored, stored, 0, 0, 0);
        IngestTest.assertCounts(jdbi, second, whole.size(), whole.size() - stored, stored - 10, 10, 0);
        assertThat(second.daysBuilt()).isEmpty();
        assertThat(second.conflictDetails()).extracting(Conflict::keptValue, Conflict::offeredValue)
                .containsOnly(tuple(3.0, 99.0));
        assertThat(count("SELECT count(*) FROM sample s JOIN series se ON se.id = s.series_id WHERE se.source = 'large'"))
                .isEqualTo(whole.size());
    }

    /**
     * Two loads of the same new day at once: the day lock makes the second wait until the first has built
     * and committed the day, then it finds the partition and takes the keyed insert: every row once.
     */
    @Test
    void twoLoadsOfTheSameNewDayStoreEveryRowOnce() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int minute = 0; minute < 600; minute++) {
            lines.add(String.format("2027-05-01T%02d:%02d:00Z,zscore,%d,ETHUSDT,race", minute / 60, minute % 60, minute));
        }
        Path one = write("race-1.csv", lines.toArray(String[]::new));
        Path two = write("race-2.csv", lines.toArray(String[]::new));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Handle gate = jdbi.open()) {
            gate.begin();
            gate.createQuery("SELECT graygate_lock_sample_day(DATE '2027-05-01')::text").mapTo(String.class).one();
            Future<IngestReport> first = pool.submit(() -> ingester.ingestFile(one));
            Future<IngestReport> second = pool.submit(() -> ingester.ingestFile(two));
            waitForWaiters(2);
            gate.rollback();

            List<IngestReport> reports = List.of(first.get(), second.get());
            assertThat(reports).extracting(IngestReport::accepted).containsExactlyInAnyOrder(600, 0);
            assertThat(reports).extracting(IngestReport::duplicates).containsExactlyInAnyOrder(0, 600);
            assertThat(reports).extracting(r -> r.daysBuilt().size()).containsExactlyInAnyOrder(1, 0);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT count(*) FROM sample s JOIN series se ON se.id = s.series_id WHERE se.source = 'race'"))
                .isEqualTo(600);
    }

    private static void waitForWaiters(int waiters) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") < waiters) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the loads never queued on the day lock");
            }
            Thread.sleep(20);
        }
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        List<String> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(List.of(lines));
        Files.write(file, all, StandardCharsets.UTF_8);
        return file;
    }

    private static List<String> partitionsOf(String fromDay, String untilDay) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = 'sample'::regclass
                          AND c.relname >= 'sample_' || to_char(CAST(:from AS date), 'YYYYMMDD')
                          AND c.relname < 'sample_' || to_char(CAST(:until AS date), 'YYYYMMDD')
                        ORDER BY 1""")
                .bind("from", fromDay).bind("until", untilDay).mapTo(String.class).list());
    }

    private static List<Double> values(String source) {
        return jdbi.withHandle(h -> h.createQuery("SELECT s.value FROM sample s JOIN series se ON se.id = s.series_id "
                        + "WHERE se.source = :source ORDER BY s.ts").bind("source", source).mapTo(Double.class).list());
    }

    private static long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
