package io.graygate.tools.demo;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.tools.cli.Main;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.decision.Evaluation;
import io.graygate.facts.Verdict;
import io.graygate.rules.RuleLoader;
import io.graygate.platform.Database;
import io.graygate.platform.Json;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The main job end to end: generated history, real ingest, shipped rules, stored decisions. */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("db")
class DemoRunnerTest {
    private Database db;
    private DemoResult result;

    @BeforeAll
    void runDemo(Database db, @TempDir Path dir) throws Exception {
        this.db = db;
        ReleaseConfig release = ConfigLoader.load(Path.of("config/release.yaml"));
        result = new DemoRunner(db, release, RuleLoader.load(Path.of("rules"))).run(dir, line -> { });
    }

    private Map<LocalDate, Evaluation> byDay(String stage) {
        return result.timeline().stream().map(TimelineEntry::evaluation).filter(e -> e.stage().equals(stage))
                .collect(Collectors.toMap(Evaluation::asOf, e -> e, (a, b) -> b));
    }

    @Test
    void stageOneIncidentRollsBackOnItsSecondDayForTheCrashAndTimeouts() {
        Evaluation incident = byDay("gray_10pct").get(LocalDate.of(2026, 3, 2));
        assertThat(incident.decision()).isEqualTo(Verdict.ROLLBACK);
        assertThat(incident.reasons()).extracting(v -> v.vote().code()).contains("CRASH", "SEVERE_ERROR");
        assertThat(incident.reasons()).extracting(v -> v.rule()).contains("Any stage: crash");
        // the time-outs are a soft trigger: seen once, they would only hold; the hard crash rolls back at once
        assertThat(incident.votes()).filteredOn(v -> v.vote().code().equals("PARAM_UPDATE_TIMEOUTS")).singleElement()
                .satisfies(v -> assertThat(v.vote().message()).startsWith("SOFT_FAILURE_STREAK 1/2: "))
                .satisfies(v -> assertThat(v.vote().verdict()).isEqualTo(Verdict.HOLD));
    }

    @Test
    void everyStageAdvancesExactlyWhenItsObservationPeriodIsComplete() {
        assertThat(byDay("gray_10pct").get(LocalDate.of(2026, 3, 5)).decision()).isEqualTo(Verdict.HOLD);
        assertThat(byDay("gray_10pct").get(LocalDate.of(2026, 3, 6)).decision()).isEqualTo(Verdict.ADVANCE);
        assertThat(byDay("gray_50pct").get(LocalDate.of(2026, 3, 12)).decision()).isEqualTo(Verdict.HOLD);
        assertThat(byDay("gray_50pct").get(LocalDate.of(2026, 3, 13)).decision()).isEqualTo(Verdict.ADVANCE);
        assertThat(byDay("full").get(LocalDate.of(2026, 3, 26)).decision()).isEqualTo(Verdict.HOLD);
        assertThat(byDay("full").get(LocalDate.of(2026, 3, 27)).decision()).isEqualTo(Verdict.ADVANCE);
        List<String> holdCodes = result.timeline().stream().map(TimelineEntry::evaluation)
                .filter(e -> e.decision() == Verdict.HOLD)
                .flatMap(e -> e.reasons().stream()).map(v -> v.vote().code()).distinct().toList();
        assertThat(holdCodes).containsExactlyInAnyOrder("OBSERVATION_INCOMPLETE", "PASS_STREAK");
    }

    @Test
    void theFirstDaysOfEveryAttemptBuildThePassStreakAndTheRollbackResetsIt() {
        assertThat(byDay("gray_10pct").get(LocalDate.of(2026, 3, 4)).reasons()).extracting(v -> v.vote().message())
                .contains("PASS_STREAK 1/2: 1 more healthy evaluation(s) in a row needed before ADVANCE");
        assertThat(byDay("gray_50pct").get(LocalDate.of(2026, 3, 8)).reasons()).extracting(v -> v.vote().message())
                .contains("PASS_STREAK 2/3: 1 more healthy evaluation(s) in a row needed before ADVANCE");
        assertThat(byDay("gray_10pct").get(LocalDate.of(2026, 3, 6)).votes()).extracting(v -> v.vote().message())
                .contains("PASS_STREAK 3/2: 3 healthy evaluation(s) in a row");
        assertThat(byDay("full").get(LocalDate.of(2026, 3, 27)).votes()).extracting(v -> v.vote().message())
                .contains("PASS_STREAK 14/3: 14 healthy evaluation(s) in a row");
    }

    @Test
    void theSwitchesComputedFromActivityMatchTheReportedOnesAndPassTheGates() {
        Evaluation stage1 = byDay("gray_10pct").get(LocalDate.of(2026, 3, 6));
        assertThat(stage1.votes()).filteredOn(v -> v.rule().equals("S1 computed mode switches 4-8 per day"))
                .singleElement().satisfies(v -> assertThat(v.vote().met()).isTrue());
        Evaluation stage2 = byDay("gray_50pct").get(LocalDate.of(2026, 3, 13));
        assertThat(stage2.votes()).filteredOn(v -> v.rule().equals("S2 computed mode switches consistent across symbols"))
                .singleElement().satisfies(v -> assertThat(v.vote().met()).isTrue());
        assertThat(result.timeline()).flatExtracting(t -> t.evaluation().votes())
                .extracting(v -> v.vote().code()).doesNotContain("MODE_SWITCH_MISMATCH", "COMPUTED_MODE_SWITCHES");
    }

    @Test
    void everyEvaluationIsStoredAndTheBuggyExporterLinesAreRejected() {
        List<Long> ids = result.timeline().stream().map(t -> t.evaluation().id()).toList();
        List<String> storedDecisions = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT decision FROM evaluation WHERE id = ANY(:ids) ORDER BY id")
                .bindArray("ids", Long.class, ids).mapTo(String.class).list());
        assertThat(storedDecisions).hasSize(26)
                .isEqualTo(result.timeline().stream().map(t -> t.evaluation().decision().name()).toList());
        assertThat(result.ingests().stream().flatMap(r -> r.rejections().stream()).map(r -> r.reason()))
                .containsExactlyInAnyOrder("metric: unknown metric 'mode_swich_count'",
                        "value: NaN is not a number graygate can store");
    }

    @Test
    void evaluateCommandPrintsTheStoredDecisionAsJson() throws Exception {
        String url = ((PGSimpleDataSource) db.dataSource()).getURL();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"evaluate", "--db-url", url, "--release", "config/release.yaml",
                "--rules", "rules", "--stage", "gray_10pct", "--since", "2026-03-01", "--as-of", "2026-03-02",
                "--format", "json"}, new PrintWriter(out), new PrintWriter(err));

        assertThat(exit).as(err.toString()).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(json.get("decision").asText()).isEqualTo("ROLLBACK");
        assertThat(json.get("stage").asText()).isEqualTo("gray_10pct");
        assertThat(json.get("asOf").asText()).isEqualTo("2026-03-02");
        assertThat(json.get("window").get("start").asText()).isEqualTo("2026-03-01");
        assertThat(json.get("rulesetSha256").asText()).isEqualTo(result.rulesetSha256());
        assertThat(json.get("evaluationId").asLong()).isGreaterThan(26);
        JsonNode crash = findReason(json, "Any stage: crash");
        assertThat(crash.get("kind").asText()).isEqualTo("ROLLBACK");
        List<String> matchedTypes = new java.util.ArrayList<>();
        crash.get("facts").forEach(f -> matchedTypes.add(f.get("type").asText() + ":" + f.get("value").path("metric").asText()));
        assertThat(matchedTypes).containsExactly("Stage:", "MetricSummary:crash_count");
        assertThat(json.get("facts").size()).isGreaterThan(50);
    }

    @Test
    void theCommandsTheDemoPrintsShowItsResultsFromItsDatabase(@TempDir Path reports) throws Exception {
        String url = ((PGSimpleDataSource) db.dataSource()).getURL();
        List<String> steps = result.nextSteps("--db-url " + url);
        assertThat(steps).anyMatch(s -> s.startsWith("graygate report --db-url " + url + " --release"))
                .anyMatch(s -> s.contains("graygate serve --db-url " + url));

        for (String step : steps.stream().filter(s -> s.startsWith("graygate ")).toList()) {
            List<String> args = new java.util.ArrayList<>(List.of(step.substring("graygate ".length(), step.indexOf(" #")).trim().split(" +")));
            if (args.get(0).equals("report")) {
                args.addAll(List.of("--out", reports.resolve("report-" + steps.indexOf(step)).toString()));
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
            assertThat(exit).as(step + "\n" + out + err).isZero();
        }
        LocalDate lastDay = result.timeline().get(result.timeline().size() - 1).evaluation().asOf();
        assertThat(java.nio.file.Files.readString(reports.resolve("report-0")))
                .as("the release report ends at the release's last evaluation, not today").contains(lastDay.toString());
    }

    private static JsonNode findReason(JsonNode json, String rule) {
        for (JsonNode reason : json.get("reasons")) {
            if (reason.get("rule").asText().equals(rule)) {
                return reason;
            }
        }
        throw new AssertionError("no reason from rule " + rule + " in " + json.get("reasons"));
    }
}
