package io.graygate.evaluation.streak;

import org.junit.jupiter.api.Tag;
import io.graygate.audit.Dataset;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.decision.CastVote;
import io.graygate.decision.Evaluation;
import io.graygate.evaluation.EvaluateStage;
import io.graygate.facts.Verdict;
import io.graygate.intake.IngestReport;
import io.graygate.intake.Ingester;
import io.graygate.release.EventKind;
import io.graygate.release.ReleaseStore;
import io.graygate.release.Releases;
import io.graygate.evaluation.replay.ReplayReport;
import io.graygate.evaluation.replay.Replayer;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Gate hysteresis on sequences of stored evaluations of stage 1 (gray_10pct: 3-day window,
 * min_consecutive_passes 2, failure_limit 2) over one ingested history: healthy from 2026-01-20 to 02-28 but
 * for 7 parameter-update time-outs on 02-10 (a soft trigger, in the windows as of 02-10 .. 02-12), a critical
 * alert on 02-15 (unhealthy, windows 02-15 .. 02-17) and a crash on 02-24 (a hard trigger). Each test uses a
 * release of its own name, so its evaluations are its own history.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class GateHysteresisTest {
    private static final LocalDate FIRST = LocalDate.parse("2026-01-20");
    private static final LocalDate TIMEOUTS = LocalDate.parse("2026-02-10");
    private static final LocalDate ALERT = LocalDate.parse("2026-02-15");
    private static final LocalDate CRASH = LocalDate.parse("2026-02-24");
    private static final String STAGE = "gray_10pct";

    private static Jdbi jdbi;
    private static RuleSet rules;
    private ReleaseConfig release;
    private EvaluateStage evaluator;
    private GateHistory gates;

    @BeforeAll
    static void ingest(Database db, @TempDir Path dir) throws Exception {
        jdbi = db.jdbi();
        rules = RuleLoader.load(Path.of("rules"));
        List<String> lines = new ArrayList<>(Dataset.healthy(FIRST, LocalDate.parse("2026-02-28")));
        lines.add(Dataset.eventLine(TIMEOUTS, "param_update_timeout_count", 7));
        lines.add(Dataset.eventLine(ALERT, "critical_alert_count", 1));
        lines.add(Dataset.eventLine(CRASH, "crash_count", 1));
        Path file = dir.resolve("history.csv");
        Files.write(file, lines, StandardCharsets.UTF_8);
        IngestReport report = new Ingester(jdbi, Releases.fresh().catalogue()).ingestFile(file);
        assertThat(report.rejected()).isZero();
    }

    @BeforeEach
    void freshRelease() {
        release = Releases.fresh();
        evaluator = new EvaluateStage(jdbi);
        gates = new GateHistory(jdbi);
    }

    private Evaluation evaluate(String day) {
        return evaluate(day, null);
    }

    private Evaluation evaluate(String day, String since) {
        return evaluator.evaluateAndStore(release, release.requireStage(STAGE), rules, LocalDate.parse(day),
                since == null ? null : LocalDate.parse(since), "test");
    }

    private StoredStreak streakOf(Evaluation evaluation) {
        return gates.of(evaluation.id()).orElseThrow();
    }

    private static List<String> reasonMessages(Evaluation evaluation) {
        return evaluation.reasons().stream().map(v -> v.vote().message()).toList();
    }

    @Test
    void aSoftTriggerHoldsOnceAndRollsBackOnTheSecondEvaluationInARow() {
        Evaluation once = evaluate("2026-02-10");
        Evaluation twice = evaluate("2026-02-11");

        assertThat(once.decision()).isEqualTo(Verdict.HOLD);
        assertThat(reasonMessages(once)).containsExactly("SOFT_FAILURE_STREAK 1/2: 7 parameter-update time-outs on 2026-02-10");
        assertThat(once.reasons()).extracting(CastVote::rule).containsExactly("Gate: soft trigger below the failure limit holds");
        assertThat(twice.decision()).isEqualTo(Verdict.ROLLBACK);
        assertThat(reasonMessages(twice)).containsExactly("SOFT_FAILURE_LIMIT 2/2: 7 parameter-update time-outs on 2026-02-10");
        assertThat(twice.reasons()).extracting(v -> v.vote().code()).containsExactly("PARAM_UPDATE_TIMEOUTS");

        assertThat(streakOf(once)).satisfies(s -> {
            assertThat(s.priorEvaluationId()).isNull();
            assertThat(s.seenSoftFailures()).isZero();
            assertThat(s.leftSoftFailures()).isEqualTo(1);
            assertThat(s.outcome()).isEqualTo("SOFT_TRIGGER");
            assertThat(s.failureLimit()).isEqualTo(2);
        });
        assertThat(streakOf(twice)).satisfies(s -> {
            assertThat(s.priorEvaluationId()).isEqualTo(once.id());
            assertThat(s.seenSoftFailures()).isEqualTo(1);
            assertThat(s.seenLastDecision()).isEqualTo("HOLD");
            assertThat(s.leftSoftFailures()).isEqualTo(2);
        });
    }

    @Test
    void aSoftTriggerAfterAHealthyDayStartsItsStreakAtOne() {
        Evaluation healthy = evaluate("2026-02-09");
        Evaluation soft = evaluate("2026-02-10");

        assertThat(healthy.decision()).isEqualTo(Verdict.HOLD);
        assertThat(soft.decision()).isEqualTo(Verdict.HOLD);
        assertThat(streakOf(soft)).satisfies(s -> {
            assertThat(s.seenPasses()).isEqualTo(1);
            assertThat(s.leftPasses()).isZero();
            assertThat(s.leftSoftFailures()).isEqualTo(1);
        });
    }

    @Test
    void aHardTriggerRollsBackAtOnceWhateverTheStreak() {
        evaluate("2026-02-22");
        Evaluation advanced = evaluate("2026-02-23");
        Evaluation crash = evaluate("2026-02-24");

        assertThat(advanced.decision()).isEqualTo(Verdict.ADVANCE);
        assertThat(crash.decision()).isEqualTo(Verdict.ROLLBACK);
        assertThat(crash.reasons()).extracting(v -> v.vote().code()).containsExactly("CRASH");
        assertThat(crash.reasons()).extracting(CastVote::rule).containsExactly("Any stage: crash");
        assertThat(streakOf(crash)).satisfies(s -> {
            assertThat(s.seenPasses()).isEqualTo(2);
            assertThat(s.leftPasses()).isZero();
            assertThat(s.outcome()).isEqualTo("HARD_TRIGGER");
        });
    }

    @Test
    void healthyDaysAreCountedAndAdvanceOnlyAtTheMinimum() {
        Evaluation first = evaluate("2026-02-03");
        Evaluation second = evaluate("2026-02-04");
        Evaluation third = evaluate("2026-02-05");

        assertThat(first.decision()).isEqualTo(Verdict.HOLD);
        assertThat(reasonMessages(first)).containsExactly(
                "PASS_STREAK 1/2: 1 more healthy evaluation(s) in a row needed before ADVANCE");
        assertThat(second.decision()).isEqualTo(Verdict.ADVANCE);
        assertThat(third.decision()).isEqualTo(Verdict.ADVANCE);
        assertThat(List.of(first, second, third)).extracting(e -> streakOf(e).leftPasses()).containsExactly(1, 2, 3);
        assertThat(List.of(first, second, third)).extracting(e -> streakOf(e).seenPasses()).containsExactly(0, 1, 2);
        assertThat(streakOf(third).priorEvaluationId()).isEqualTo(second.id());
        assertThat(streakOf(third).minConsecutivePasses()).isEqualTo(2);
    }

    @Test
    void reEvaluatingADaySeesTheSamePriorAsTheFirstRun() {
        Evaluation first = evaluate("2026-02-03");
        Evaluation second = evaluate("2026-02-04");
        Evaluation again = evaluate("2026-02-04");

        assertThat(again.decision()).isEqualTo(second.decision()).isEqualTo(Verdict.ADVANCE);
        assertThat(streakOf(again).priorEvaluationId()).isEqualTo(first.id());
        assertThat(streakOf(again).leftPasses()).isEqualTo(2);
    }

    @Test
    void aHoldInBetweenResetsThePassStreak() {
        Evaluation healthy = evaluate("2026-02-14");
        Evaluation alert = evaluate("2026-02-15");
        Evaluation afterAlert = evaluate("2026-02-18");
        Evaluation next = evaluate("2026-02-19");

        assertThat(healthy.decision()).isEqualTo(Verdict.HOLD);
        assertThat(alert.decision()).isEqualTo(Verdict.HOLD);
        assertThat(alert.reasons()).extracting(v -> v.vote().code()).containsExactly("no critical alert");
        assertThat(streakOf(alert)).satisfies(s -> {
            assertThat(s.seenPasses()).isEqualTo(1);
            assertThat(s.leftPasses()).isZero();
            assertThat(s.outcome()).isEqualTo("UNHEALTHY");
        });
        assertThat(afterAlert.decision()).as("two healthy evaluations, but not in a row").isEqualTo(Verdict.HOLD);
        assertThat(reasonMessages(afterAlert)).containsExactly(
                "PASS_STREAK 1/2: 1 more healthy evaluation(s) in a row needed before ADVANCE");
        assertThat(next.decision()).isEqualTo(Verdict.ADVANCE);
    }

    @Test
    void restartingTheStageResetsTheStreaks() {
        evaluate("2026-02-03");
        new ReleaseStore(jdbi).append(release.name(), EventKind.STAGE_STARTED, STAGE, 1, "alice", "restart", false);
        Evaluation afterRestart = evaluate("2026-02-04");

        assertThat(afterRestart.decision()).isEqualTo(Verdict.HOLD);
        assertThat(streakOf(afterRestart).priorEvaluationId()).isNull();
        assertThat(streakOf(afterRestart).leftPasses()).isEqualTo(1);
    }

    @Test
    void anAttemptGivenItsStartDayIgnoresEvaluationsOfAnEarlierAttempt() {
        evaluate("2026-02-03");
        evaluate("2026-02-04");
        Evaluation newAttempt = evaluate("2026-02-07", "2026-02-05");
        Evaluation secondDay = evaluate("2026-02-08", "2026-02-05");

        assertThat(streakOf(newAttempt).priorEvaluationId()).isNull();
        assertThat(streakOf(newAttempt).seenPasses()).isZero();
        assertThat(streakOf(secondDay).priorEvaluationId()).isEqualTo(newAttempt.id());
        assertThat(streakOf(secondDay).leftPasses()).isEqualTo(2);
        assertThat(newAttempt.decision()).isEqualTo(Verdict.HOLD);
        assertThat(secondDay.decision()).isEqualTo(Verdict.ADVANCE);
    }

    @Test
    void theStreakRowsAreAppendOnly() {
        Evaluation evaluation = evaluate("2026-02-03");

        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(
                "UPDATE evaluation_gate_streak SET left_passes = 9 WHERE evaluation_id = ?", evaluation.id())))
                .hasMessageContaining("append-only");
    }

    @Test
    void replayReproducesEveryDecisionFromTheRecordedPriorStreak() {
        for (String day : List.of("2026-02-08", "2026-02-09", "2026-02-10", "2026-02-11")) {
            evaluate(day);
        }

        ReplayReport report = new Replayer(jdbi).replay(rules, LocalDate.parse("2026-02-08"), LocalDate.parse("2026-02-11"), STAGE);

        assertThat(report.replayed()).isGreaterThanOrEqualTo(4);
        assertThat(report.changes()).isEmpty();
    }
}
