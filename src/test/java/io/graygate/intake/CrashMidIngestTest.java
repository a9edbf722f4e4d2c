package io.graygate.intake;

import org.junit.jupiter.api.Tag;
import io.graygate.platform.Database;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code graygate ingest} process (a child JVM on the test class path) is killed with SIGKILL while
 * its COPY streams a large file. The file is one transaction, so none of it is stored; the rerun loads it
 * completely with no duplicates: stored rows equal the distinct samples of the file. The longer version,
 * killing at random moments over many rounds, is scripts/reliability/crash_mid_ingest.sh.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class CrashMidIngestTest {
    private static final int SAMPLES = 150_000;
    private static final int REPEATED_EVERY = 10;   // every tenth line appears twice: distinct < lines
    private static final String APP = "graygate-crash-test";

    private static Jdbi jdbi;
    private static String url;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp(Database db) {
        jdbi = db.jdbi();
        url = ((PGSimpleDataSource) db.dataSource()).getURL();
    }

    @Test
    void aKilledIngestLeavesNothingOfItsFileAndTheRerunLoadsItOnce() throws Exception {
        Path file = writeLargeFile(dir.resolve("large.csv"));
        int distinct = SAMPLES;

        Process child = startIngest(file);
        awaitCopy(child);
        child.destroyForcibly();   // SIGKILL: no shutdown hook, no rollback sent, the socket just closes
        child.waitFor();
        awaitBackendsGone();

        assertThat(storedFromFile()).as("a killed load stores nothing of its file").isZero();
        assertThat(count("SELECT count(*) FROM ingest_run WHERE origin = '" + file + "'")).isZero();

        History.Cli rerun = History.run("ingest", file.toString(), "--db-url", url, "--release", "config/release.yaml");

        assertThat(rerun.status()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains(": " + (SAMPLES + SAMPLES / REPEATED_EVERY) + " lines: " + distinct + " accepted, "
                + SAMPLES / REPEATED_EVERY + " duplicates, 0 conflicts, 0 rejected");
        assertThat(storedFromFile()).isEqualTo(distinct);
    }

    static Path writeLargeFile(Path file) throws IOException {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");  // in the past: samples from the future are refused
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("ts,metric,value,symbol,source\n");
            for (int n = 0; n < SAMPLES; n++) {
                String line = start.plusSeconds(60L * (n / 50)) + ",activity," + (n % 89) / 8.0 + ",SYM" + (n % 50) + ",crash\n";
                out.write(line);
                if (n % REPEATED_EVERY == 0) {
                    out.write(line);
                }
            }
        }
        return file;
    }

    private static Process startIngest(Path file) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "io.graygate.tools.cli.Main", "ingest", file.toString(),
                "--db-url", url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + APP,
                "--release", "config/release.yaml"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    }

    /** Waits until the child's COPY is streaming; fails if the child ends before that. */
    private static void awaitCopy(Process child) throws Exception {
        while (count("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + APP + "' "
                + "AND state = 'active' AND query LIKE 'COPY ingest_staging_%'") == 0) {
            assertThat(child.isAlive()).as("the child ended before its COPY was seen: "
                    + Files.readString(dir.resolve("child.log"))).isTrue();
            Thread.sleep(10);
        }
    }

    private static void awaitBackendsGone() throws InterruptedException {
        while (count("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + APP + "'") > 0) {
            Thread.sleep(20);
        }
    }

    private static long storedFromFile() {
        return count("SELECT count(*) FROM sample s JOIN series se ON se.id = s.series_id WHERE se.source = 'crash'");
    }

    private static long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
