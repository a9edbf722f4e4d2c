package io.graygate.evaluation.replay;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.decision.Evaluation;
import io.graygate.facts.Verdict;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;
import io.graygate.platform.Json;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay re-decides stored evaluations with a candidate rule set and writes nothing. Stage gray_10pct is
 * evaluated for every as-of day from 2026-01-03 to 2026-01-20 with the shipped rules: the first three
 * HOLD (too little baseline data before them), 2026-01-06 holds too (the first healthy evaluation: the pass
 * streak needs two in a row), the windows from 2026-01-07 to 2026-01-18 ADVANCE (12), and the two that contain the crash on 2026-01-19 ROLLBACK. Parameter-update latencies are
 * 20..55 ms a day, so a stage-1 P99 gate tightened from 100 to 10 ms fails in every window.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class ReplayTest {
    private static final LocalDate FROM = LocalDate.parse("2026-01-03");
    private static final String P99_RULE = "S1 parameter update P99 <= 100 ms";

    private static Jdbi jdbi;
    private static String url;
    private static RuleSet shipped;
    private static List<Evaluation> stored;
    private static Path tightened;

    @BeforeAll
    static void setUp(Database db, @TempDir Path dir) throws IOException {
        jdbi = db.jdbi();
        url = ((PGSimpleDataSource) db.dataSource()).getURL();
        History.ingest(jdbi, dir);
        shipped = RuleLoader.load(Path.of("rules"));
        stored = History.evaluate(jdbi, shipped, FROM, History.LAST);
        tightened = History.rulesWith(dir, "$m.p99() <= 100, ", "$m.p99() <= 10, ");
    }

    @Test
    void theStoredHistoryIsWhatTheTestExpects() {
        assertThat(stored).hasSize(18);
        assertThat(stored.subList(0, 4)).extracting(Evaluation::decision).containsOnly(Verdict.HOLD);
        assertThat(stored.get(3).reasons()).extracting(v -> v.vote().code()).containsExactly("PASS_STREAK");
        assertThat(stored.subList(4, 16)).extracting(Evaluation::decision).containsOnly(Verdict.ADVANCE);
        assertThat(stored.subList(16, 18)).extracting(Evaluation::decision).containsOnly(Verdict.ROLLBACK);
    }

    @Test
    void aTightenedGateTurnsEveryAdvanceIntoHoldAndStoresNothing() {
        Map<String, Long> before = counts();

        ReplayReport report = new Replayer(jdbi).replay(RuleLoader.load(tightened), FROM, History.LAST, "gray_10pct");

        assertThat(report.replayed()).isEqualTo(18);
        assertThat(report.changed()).isEqualTo(12);
        assertThat(report.unchanged()).isEqualTo(6);
        assertThat(report.changes()).extracting(ReplayChange::evaluationId)
                .containsExactlyElementsOf(stored.subList(4, 16).stream().map(Evaluation::id).toList());
        assertThat(report.changes()).extracting(ReplayChange::asOf)
                .containsExactlyElementsOf(LocalDate.parse("2026-01-07").datesUntil(History.CRASH_DAY).toList());
        assertThat(report.changes()).allSatisfy(c -> {
            assertThat(c.stage()).isEqualTo("gray_10pct");
            assertThat(c.recorded()).isEqualTo(Verdict.ADVANCE);
            assertThat(c.candidate()).isEqualTo(Verdict.HOLD);
            assertThat(c.recordedRules()).hasSize(9).contains(P99_RULE, "Gate: pass streak long enough");
            assertThat(c.candidateRules()).containsExactly(P99_RULE);
        });
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void identicalRulesChangeNothing() {
        ReplayReport report = new Replayer(jdbi).replay(RuleLoader.load(Path.of("rules")), FROM, History.LAST, null);

        assertThat(report.replayed()).isEqualTo(18);
        assertThat(report.changed()).isZero();
        assertThat(report.unchanged()).isEqualTo(18);
    }

    @Test
    void theRangeAndStageSelectTheEvaluations() {
        Replayer replayer = new Replayer(jdbi);
        RuleSet candidate = RuleLoader.load(tightened);

        assertThat(replayer.replay(candidate, History.LAST.minusDays(3), History.LAST, null))
                .extracting(ReplayReport::replayed, ReplayReport::changed).containsExactly(4, 2);
        assertThat(replayer.replay(candidate, FROM, History.LAST, "gray_50pct").replayed()).isZero();
    }

    @Test
    void theCliPrintsTextJsonAndCsv() throws IOException {
        String[] common = {"replay", "--db-url", url, "--rules", tightened.toString(), "--from", "2026-01-17",
                "--to", "2026-01-20", "--stage", "gray_10pct"};

        History.Cli text = History.run(common);
        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.out()).contains("2026-01-17  gray_10pct", "ADVANCE", "-> HOLD", "[" + P99_RULE + "]")
                .contains("4 evaluations replayed, 2 changed, 2 unchanged");

        History.Cli json = History.run(append(common, "--format", "json"));
        JsonNode root = Json.MAPPER.readTree(json.out());
        assertThat(root.get("replayed").asInt()).isEqualTo(4);
        assertThat(root.get("changed").asInt()).isEqualTo(2);
        assertThat(root.get("changes").get(1).get("asOf").asText()).isEqualTo("2026-01-18");
        assertThat(root.get("changes").get(1).get("candidate").asText()).isEqualTo("HOLD");

        History.Cli csv = History.run(append(common, "--format", "csv"));
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.out())).getRecords();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("as_of")).isEqualTo("2026-01-17");
        assertThat(rows.get(0).get("recorded_decision")).isEqualTo("ADVANCE");
        assertThat(rows.get(0).get("candidate_rules")).isEqualTo(P99_RULE);
        assertThat(Long.parseLong(rows.get(0).get("evaluation_id"))).isEqualTo(stored.get(14).id());
    }

    private static String[] append(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static Map<String, Long> counts() {
        return Map.of("evaluation", History.count(jdbi, "evaluation"), "evaluation_vote", History.count(jdbi, "evaluation_vote"),
                "evaluation_fact", History.count(jdbi, "evaluation_fact"), "ruleset", History.count(jdbi, "ruleset"));
    }
}
