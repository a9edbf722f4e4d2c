package io.graygate.tools.cli;

import org.junit.jupiter.api.Tag;
import io.graygate.platform.Database;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmarks at tiny size: what they print and that they really evaluated and stored. No timings asserted. */
@ExtendWith(TestDatabase.class)
@Tag("db")
class BenchCommandTest {
    private static String url;
    private static Database db;

    @BeforeAll
    static void setUp(Database database) {
        db = database;
        url = ((PGSimpleDataSource) database.dataSource()).getURL();
    }

    private static String run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db-url", url, "--release", "config/release.yaml"));
        History.Cli result = History.run(all.toArray(String[]::new));
        assertThat(result.status()).as(result.err()).isZero();
        return result.out();
    }

    private static long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void evaluateGeneratesTheDayAndStoresOneEvaluationPerSizeWithItsSplit() {
        String out = run("bench", "evaluate", "--symbols", "4,2");

        assertThat(out).contains("machine: ", " cores, Java ", "PostgreSQL ", "load average at start ",
                "generated 4 symbols", "stage gray_50pct over half the symbols");
        assertThat(out).containsPattern("(?m)^ +1 +2 +1 +[0-9,]+ +[0-9.]+ +[0-9.]+% +[0-9.]+% +[0-9.]+% +[0-9.]+% +[A-Z]+ ")
                .containsPattern("(?m)^ +1 +4 +2 +[0-9,]+ ")
                .contains("growth vs 1 day(s) x 2 symbols: 1.0x the days, 2.0x the symbols");
        // 4 symbols x 7 metrics + 12 system metrics, one day of minutes, all generated and read
        assertThat(count("SELECT count(*) FROM sample")).isEqualTo((4 * 7 + 12) * 1440L);
        assertThat(out).contains(String.format("%,d", (4 * 7 + 12) * 1440));
        // a warm-up and one evaluation per size, each with its facts
        assertThat(count("SELECT count(*) FROM evaluation WHERE release LIKE 'bench-evaluate-%'")).isEqualTo(3);
        assertThat(count("SELECT count(DISTINCT evaluation_id) FROM evaluation_fact")).isEqualTo(3);

        run("bench", "evaluate", "--symbols", "4");
        assertThat(count("SELECT count(*) FROM sample")).as("a second run reuses the data").isEqualTo((4 * 7 + 12) * 1440L);

        String days = run("bench", "evaluate", "--symbols", "2", "--days", "2,1");
        assertThat(days).contains("data: 1 day(s)", "data: 2 day(s)", "generated 2 symbols")
                .containsPattern("(?m)^ +2 +2 +1 +[0-9,]+ ")
                .contains("growth vs 1 day(s) x 2 symbols: 2.0x the days, 1.0x the symbols, 2.00x the samples");
    }

    @Test
    void ingestLoadsANewDayThenTheSameFileAgainAndComparesBothWithRawCopy() {
        String out = run("bench", "ingest", "--symbols", "3", "--minutes", "20");

        assertThat(out).contains("file: 420 rows (3 symbols x 20 minutes x 7 metrics)", "(no samples stored that day)")
                .containsPattern("raw COPY, bare table +420 rows .* 1\\.00x of bare COPY")
                .containsPattern("graygate ingest, a new day +420 rows .*x of bare COPY")
                .containsPattern("graygate ingest, same file again \\(keyed\\) +420 rows .*x of bare COPY");
        assertThat(count("SELECT count(*) FROM sample s JOIN series se ON se.id = s.series_id WHERE se.source = 'bench'"))
                .as("the second load stored nothing new").isEqualTo(420);

        String second = run("bench", "ingest", "--symbols", "3", "--minutes", "20");
        assertThat(dayOf(second)).as("every run loads a day of its own").isNotEqualTo(dayOf(out));
    }

    private static String dayOf(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("from (\\d{4}-\\d{2}-\\d{2}) \\(no samples").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }

    @Test
    void sizesOfZeroAreRefusedBeforeAnythingIsWritten() {
        long samples = count("SELECT count(*) FROM sample");
        for (String[] args : List.of(new String[] {"evaluate", "--symbols", "2", "--days", "0"},
                new String[] {"evaluate", "--symbols", "0,2"}, new String[] {"ingest", "--minutes", "0"},
                new String[] {"rollback", "--runs", "-1"})) {
            List<String> all = new ArrayList<>(List.of("bench"));
            all.addAll(List.of(args));
            all.addAll(List.of("--db-url", url, "--release", "config/release.yaml"));
            History.Cli result = History.run(all.toArray(String[]::new));

            assertThat(result.status()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(result.err()).contains(args[args.length - 2] + " ", ": must be 1 or more");
        }
        assertThat(count("SELECT count(*) FROM sample")).isEqualTo(samples);
    }

    @Test
    void rollbackIsSeenOverHttpEveryTime() {
        String out = run("bench", "rollback", "--runs", "3", "--agents", "2");

        assertThat(out).contains("machine: ", "3 rollbacks stored", "API on port ")
                .containsPattern("command to visible over HTTP +P50 +[0-9.]+ ms +P99 +[0-9.]+ ms +max +[0-9.]+ ms +\\(n=3\\)")
                .containsPattern("command to all 2 agents applied +P50 +[0-9.]+ ms +P99 +[0-9.]+ ms +max +[0-9.]+ ms +\\(n=3\\)");
        // Each agent applied stage 1 and the baseline after it in every run (and maybe the baseline before the first).
        assertThat(count("SELECT count(*) FROM agent_report WHERE release LIKE 'bench-rollback-%' AND result = 'APPLIED' "
                + "AND baseline")).isBetween(6L, 8L);
        assertThat(count("SELECT count(*) FROM agent_report WHERE release LIKE 'bench-rollback-%' AND result = 'APPLIED' "
                + "AND NOT baseline")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM release_event WHERE release LIKE 'bench-rollback-%' AND kind = 'ROLLED_BACK'"))
                .isEqualTo(3);
        assertThat(count("SELECT count(*) FROM release_event WHERE release LIKE 'bench-rollback-%' AND kind = 'STAGE_STARTED'"))
                .isEqualTo(3);
    }
}
