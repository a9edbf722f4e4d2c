package io.graygate.modeswitch;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.tools.cli.Main;
import io.graygate.platform.Database;
import io.graygate.platform.Json;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays of stored activity: SQL runs + DRL against the plain state machine, and {@code graygate modes}. */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("db")
class ModeReplayTest {
    private static final Instant DAY1 = Instant.parse("2026-03-07T00:00:00Z");
    private static final Duration FIVE_MIN = Duration.ofMinutes(5);
    // BTC (stage 2: 3 active / 6 quiet): two bursts; a gap of three windows splits the second quiet stretch
    private static final String BTC = "qqqqaaaaaqqqqqqqqaaqqaaaaqqqq...qqqqqqqqaaa";
    // ETH: short flickers only, then one long burst running past midnight into day 2
    private static final String ETH = "aaqaaqaqq" + "q".repeat(260) + "a".repeat(40) + "q".repeat(10);
    private Database db;
    private String url;

    @BeforeAll
    void store(Database db) {
        this.db = db;
        this.url = ((PGSimpleDataSource) db.dataSource()).getURL();
        ActivityFixture.write(db.jdbi(), "BTCUSDT", "", DAY1, FIVE_MIN, BTC);
        ActivityFixture.write(db.jdbi(), "ETHUSDT", "", DAY1, FIVE_MIN, ETH);
    }

    private ModeTimeline replay(HysteresisParams params) {
        return new ModeReplayer(db.jdbi(), HysteresisRules.load(Path.of("rules")))
                .replay("r", "gray_50pct", List.of("BTCUSDT", "ETHUSDT"), params, LocalDate.of(2026, 3, 7),
                        LocalDate.of(2026, 3, 8));
    }

    @Test
    void storedSamplesReplayedAsRunsDecideAsThePlainMachineWindowByWindow() {
        HysteresisParams params = new HysteresisParams(3, 6, 0.6, FIVE_MIN);
        ModeTimeline timeline = replay(params);
        assertThat(timeline.switchesOf("BTCUSDT")).isEqualTo(ActivityFixture.plain("BTCUSDT", DAY1, params, BTC))
                .extracting(ModeSwitch::ts).containsExactly(DAY1.plus(FIVE_MIN.multipliedBy(6)),
                        DAY1.plus(FIVE_MIN.multipliedBy(14)), DAY1.plus(FIVE_MIN.multipliedBy(23)),
                        DAY1.plus(FIVE_MIN.multipliedBy(37)), DAY1.plus(FIVE_MIN.multipliedBy(42)));
        assertThat(timeline.switchesOf("ETHUSDT")).isEqualTo(ActivityFixture.plain("ETHUSDT", DAY1, params, ETH))
                .hasSize(2);
    }

    @Test
    void twoSourcesOfOneSymbolAreAveragedIntoOneWindow() {
        // 0.8 and 0.2 average to 0.5: below the threshold, so the second source's quiet cancels the first's activity
        ActivityFixture.write(db.jdbi(), "SOLUSDT", "feed-a", DAY1, FIVE_MIN, "aaaaaaaaaaqqqqqqqqqqaaaaaaaaaa");
        ActivityFixture.write(db.jdbi(), "SOLUSDT", "feed-b", DAY1, FIVE_MIN, "aaaaaaaaaaaaaaaaaaaaqqqqqqqqqq");
        ModeTimeline timeline = new ModeReplayer(db.jdbi(), HysteresisRules.load(Path.of("rules")))
                .replay("r", "s", List.of("SOLUSDT"), new HysteresisParams(3, 6, 0.6, FIVE_MIN),
                        LocalDate.of(2026, 3, 7), LocalDate.of(2026, 3, 7));
        assertThat(timeline.switchesOf("SOLUSDT")).extracting(ModeSwitch::ts, ModeSwitch::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple(DAY1.plus(FIVE_MIN.multipliedBy(2)), Mode.ACTIVE),
                org.assertj.core.groups.Tuple.tuple(DAY1.plus(FIVE_MIN.multipliedBy(15)), Mode.QUIET));
        assertThat(timeline.daysOf("SOLUSDT")).extracting(SwitchDay::windows).containsExactly(30);
    }

    @Test
    void asymmetricThresholdsReplayFromStoredSamplesAsThePlainMachine() {
        // enter at 0.6, leave below 0.4: b (0.5) windows neither build nor keep a streak toward a switch
        String ada = "aaa" + "bbbbbbbbbb" + "qq" + "b" + "qqqqqq" + "bbb";
        ActivityFixture.write(db.jdbi(), "ADAUSDT", "", DAY1, FIVE_MIN, ada);
        HysteresisParams twoThresholds = new HysteresisParams(3, 6, 0.6, 0.4, FIVE_MIN);
        ModeReplayer replayer = new ModeReplayer(db.jdbi(), HysteresisRules.load(Path.of("rules")));
        LocalDate day = LocalDate.of(2026, 3, 7);

        assertThat(replayer.replay("r", "s", List.of("ADAUSDT"), twoThresholds, day, day).switchesOf("ADAUSDT"))
                .isEqualTo(ActivityFixture.plain("ADAUSDT", DAY1, twoThresholds, ada))
                .extracting(ModeSwitch::ts).containsExactly(DAY1.plus(FIVE_MIN.multipliedBy(2)),
                        DAY1.plus(FIVE_MIN.multipliedBy(21)));
        HysteresisParams oneThreshold = new HysteresisParams(3, 6, 0.6, FIVE_MIN);
        assertThat(replayer.replay("r", "s", List.of("ADAUSDT"), oneThreshold, day, day).switchesOf("ADAUSDT"))
                .as("with one threshold the b windows are quiet").extracting(ModeSwitch::ts)
                .startsWith(DAY1.plus(FIVE_MIN.multipliedBy(2)), DAY1.plus(FIVE_MIN.multipliedBy(8)));

        // two sources averaged: 0.8 and 0.2 give 0.5, between the thresholds, so the symbol stays active
        ActivityFixture.write(db.jdbi(), "DOTUSDT", "feed-a", DAY1, FIVE_MIN, "a".repeat(20));
        ActivityFixture.write(db.jdbi(), "DOTUSDT", "feed-b", DAY1, FIVE_MIN, "a".repeat(10) + "q".repeat(10));
        assertThat(replayer.replay("r", "s", List.of("DOTUSDT"), twoThresholds, day, day).switchesOf("DOTUSDT"))
                .extracting(ModeSwitch::ts, ModeSwitch::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DAY1.plus(FIVE_MIN.multipliedBy(2)), Mode.ACTIVE));
        assertThat(replayer.replay("r", "s", List.of("DOTUSDT"), oneThreshold, day, day).switchesOf("DOTUSDT"))
                .extracting(ModeSwitch::to).containsExactly(Mode.ACTIVE, Mode.QUIET);
    }

    @Test
    void aGapIsNotCountedAsWindows() {
        // 4 quiet + gap of 3 + 8 quiet: with min_quiet 10 the gap would complete the streak if it counted
        ModeTimeline timeline = replay(new HysteresisParams(3, 10, 0.6, FIVE_MIN));
        assertThat(timeline.switchesOf("BTCUSDT")).extracting(ModeSwitch::to).containsExactly(Mode.ACTIVE);
    }

    @Test
    void everySampledSymbolDayIsCountedIncludingDaysWithoutSwitches() {
        ModeTimeline timeline = replay(new HysteresisParams(5, 10, 0.6, FIVE_MIN));
        assertThat(timeline.daysOf("ETHUSDT")).extracting(SwitchDay::day, SwitchDay::switches)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 3, 7), 1),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 3, 8), 1));
        assertThat(timeline.daysOf("BTCUSDT")).extracting(SwitchDay::switches).containsExactly(1);
    }

    @Test
    void modesCommandPrintsAndStoresTheTransitionsWithTheRuleSet() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"modes", "--db-url", url, "--release", "config/release.yaml", "--rules", "rules",
                "--stage", "gray_50pct", "--from", "2026-03-07", "--to", "2026-03-08", "--symbol", "BTCUSDT",
                "--format", "json"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(exit).as(err.toString()).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString());
        long id = json.get("replayId").asLong();
        assertThat(json.get("symbols").get(0).get("switches")).hasSize(5);
        List<String> stored = db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT t.symbol || ' ' || to_char(t.window_start AT TIME ZONE 'UTC', 'HH24:MI') || ' ' || t.to_mode
                               || ' ' || extract(epoch FROM t.window_end - t.window_start)::int
                        FROM mode_transition t JOIN mode_replay r ON r.id = t.replay_id
                        JOIN ruleset s ON s.sha256 = r.ruleset_sha256
                        WHERE t.replay_id = :id ORDER BY t.seq""").bind("id", id).mapTo(String.class).list());
        assertThat(stored).containsExactly("BTCUSDT 00:30 active 300", "BTCUSDT 01:10 quiet 300",
                "BTCUSDT 01:55 active 300", "BTCUSDT 03:05 quiet 300", "BTCUSDT 03:30 active 300");
        List<Integer> perDay = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT switches FROM mode_switch_day WHERE replay_id = :id").bind("id", id).mapTo(Integer.class).list());
        assertThat(perDay).containsExactly(5);
    }

    @Test
    void aStoredReplayRecordsBothThresholds() {
        var rules = HysteresisRules.load(Path.of("rules"));
        LocalDate day = LocalDate.of(2026, 3, 7);
        ModeTimeline asymmetric = new ModeReplayer(db.jdbi(), rules).replay("r", "s", List.of("BTCUSDT"),
                new HysteresisParams(3, 6, 0.6, 0.4, FIVE_MIN), day, day);
        ModeTimeline symmetric = new ModeReplayer(db.jdbi(), rules).replay("r", "s", List.of("BTCUSDT"),
                new HysteresisParams(3, 6, 0.7, FIVE_MIN), day, day);

        long asymmetricId = new TransitionStore(db.jdbi()).save(asymmetric, rules, "test").id();
        long symmetricId = new TransitionStore(db.jdbi()).save(symmetric, rules, "test").id();

        assertThat(thresholdsOf(asymmetricId)).isEqualTo("0.6 0.4");
        assertThat(thresholdsOf(symmetricId)).isEqualTo("0.7 0.7");
        assertThat(ModeOutput.text(asymmetric)).contains("active_threshold 0.6, quiet_threshold 0.4");
        assertThat(ModeOutput.json(asymmetric)).contains("\"quietThreshold\" : 0.4");
    }

    private String thresholdsOf(long replayId) {
        return db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT active_threshold || ' ' || quiet_threshold FROM mode_replay WHERE id = :id")
                .bind("id", replayId).mapTo(String.class).one());
    }

    @Test
    void anEvaluationGetsTheComputedSwitchesOfItsSymbolsAndDays() {
        var release = io.graygate.platform.config.ConfigLoader.load(Path.of("config/release.yaml"));
        var evaluation = new io.graygate.evaluation.EvaluateStage(db.jdbi()).evaluate(release,
                release.requireStage("gray_10pct"), io.graygate.rules.RuleLoader.load(Path.of("rules")),
                LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 7));
        List<Object> computed = evaluation.facts().stream().map(f -> f.value())
                .filter(v -> v instanceof io.graygate.facts.ComputedSwitches).map(v -> (Object) v).toList();
        assertThat(computed).containsExactly(
                new io.graygate.facts.ComputedSwitches("ETHUSDT", LocalDate.of(2026, 3, 7), 1, null),
                new io.graygate.facts.ComputedSwitches("ETHUSDT", LocalDate.of(2026, 3, 8), 1, null));
    }

    @Test
    void modesCommandPrintsTextAndCsv() {
        for (String format : List.of("text", "csv")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Main.run(new String[] {"modes", "--db-url", url, "--release", "config/release.yaml",
                    "--rules", "rules", "--stage", "gray_10pct", "--from", "2026-03-07", "--to", "2026-03-08",
                    "--format", format}, new PrintWriter(out), new PrintWriter(err));
            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).as(format).contains("ETHUSDT").contains("2026-03-08").doesNotContain("BTCUSDT");
        }
    }
}
