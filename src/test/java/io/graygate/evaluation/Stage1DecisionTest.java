package io.graygate.evaluation;

import io.graygate.decision.CastVote;
import io.graygate.decision.Evaluation;

import io.graygate.facts.Severity;
import io.graygate.facts.Verdict;
import io.graygate.facts.VoteKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.graygate.facts.Verdict.ADVANCE;
import static io.graygate.facts.Verdict.HOLD;
import static io.graygate.facts.Verdict.ROLLBACK;
import static org.assertj.core.api.Assertions.assertThat;

/** Stage 1 (10%, ETHUSDT, 3 days): every advance condition and rollback trigger on both sides of its threshold. */
@DisplayName("stage 1 (gray_10pct)")
class Stage1DecisionTest extends DecisionTestSupport {
    static final String NO_CRASH = "S1 no crash";
    static final String MODE_SWITCHES = "S1 mode switches 4-8 per day";
    static final String P99 = "S1 parameter update P99 <= 100 ms";
    static final String OFI = "S1 OFI signal quality not degraded";
    static final String CVD = "S1 CVD signal quality not degraded";
    static final String ZSCORE = "S1 z-score distribution unchanged";
    static final String DATA_LOSS = "S1 data loss not above baseline";
    static final String NO_CRITICAL_ALERT = "S1 no critical alert";
    static final String SYMBOL = "ETHUSDT";

    @Test
    @DisplayName("healthy -> ADVANCE, every stage-1 advance condition judged and met, no alert")
    void healthyAdvances() {
        Evaluation evaluation = decide(stage1());

        assertThat(evaluation.decision()).isEqualTo(ADVANCE);
        assertThat(evaluation.votes()).allSatisfy(v -> assertThat(v.vote().verdict()).isEqualTo(ADVANCE));
        assertThat(evaluation.votes()).extracting(CastVote::rule).containsExactlyInAnyOrder(
                NO_CRASH, MODE_SWITCHES, P99, OFI, CVD, ZSCORE, DATA_LOSS, NO_CRITICAL_ALERT, PASS_STREAK_MET);
        assertThat(evaluation.votes()).allSatisfy(v -> assertThat(v.vote().met()).isTrue());
        assertThat(reasons(evaluation)).hasSize(9);
    }

    @Test
    @DisplayName("every shipped stage-1 gate rule takes part in the healthy baseline")
    void healthyBaselineExercisesEveryStage1Gate() {
        Evaluation evaluation = decide(stage1());

        assertThat(evaluation.votes()).extracting(CastVote::rule).containsAll(
                rules.rules().values().stream()
                        .filter(r -> r.kind().equals("gate") && r.name().startsWith("S1 "))
                        .filter(r -> !r.name().contains("computed"))   // ComputedSwitchDecisionTest: facts not in Scenario
                        .map(r -> r.name()).toList());
    }

    // ------------------------------------------------------------------ crash

    @Nested
    @DisplayName("no crash in 3 days")
    class Crash {
        @Test
        @DisplayName("0 crashes -> ADVANCE")
        void noCrash() {
            Evaluation evaluation = decide(stage1().crashes(0));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, NO_CRASH, 0);
            assertThat(votesBy(evaluation, "Any stage: crash")).isEmpty();
        }

        @Test
        @DisplayName("1 crash -> ROLLBACK with code CRASH (and the gate 'no crash' not met)")
        void oneCrashRollsBack() {
            Evaluation evaluation = decide(stage1().crashes(1));

            assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
            assertThat(reasons(evaluation)).containsExactly(rollback("Any stage: crash", "CRASH"));
            assertThat(voteBy(evaluation, "Any stage: crash").vote().value()).isEqualTo(1.0);
            assertNotMet(evaluation, NO_CRASH, 1);
        }

        @Test
        @DisplayName("a crash counted in the baseline group is not the stage's crash -> ADVANCE")
        void baselineCrashIsIgnored() {
            Evaluation evaluation = decide(stage1().baselineEventCount("crash_count", 2));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, NO_CRASH, 0);
        }
    }

    // ------------------------------------------------------------------ mode switches

    @Nested
    @DisplayName("mode switches 4-8 per symbol-day")
    class ModeSwitches {
        @ParameterizedTest(name = "{0} switches on day 2 -> ADVANCE")
        @ValueSource(doubles = {4, 5, 6, 7, 8})
        void insideRangeAdvances(double switches) {
            Evaluation evaluation = decide(stage1().modeSwitchesOnDay(SYMBOL, 2, switches));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertThat(voteBy(evaluation, MODE_SWITCHES).vote().met()).isTrue();
        }

        @ParameterizedTest(name = "{0} switches on day 2 -> HOLD, rule '" + MODE_SWITCHES + "' not met")
        @ValueSource(doubles = {0, 3, 9})
        void outsideRangeHolds(double switches) {
            Evaluation evaluation = decide(stage1().modeSwitchesOnDay(SYMBOL, 2, switches));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(notMet(MODE_SWITCHES, "mode switches 4-8 per day"));
            assertNotMet(evaluation, MODE_SWITCHES, switches);
        }

        @Test
        @DisplayName("every day at 4 or every day at 8 -> ADVANCE")
        void everyDayAtTheLimits() {
            assertThat(decide(stage1().modeSwitchesEveryDay(SYMBOL, 4)).decision()).isEqualTo(ADVANCE);
            assertThat(decide(stage1().modeSwitchesEveryDay(SYMBOL, 8)).decision()).isEqualTo(ADVANCE);
        }

        @Test
        @DisplayName("9 switches on a day is also a WARNING alert, which is not a reason")
        void nineIsAWarning() {
            Evaluation evaluation = decide(stage1().modeSwitchesOnDay(SYMBOL, 1, 9));

            assertThat(alertCodes(evaluation, Severity.WARNING)).containsExactly("MODE_SWITCHES");
            assertThat(alerts(evaluation, Severity.CRITICAL)).isEmpty();
        }

        @Test
        @DisplayName("15 switches on a day -> HOLD, only a WARNING alert")
        void fifteenIsStillAWarning() {
            Evaluation evaluation = decide(stage1().modeSwitchesOnDay(SYMBOL, 3, 15));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(alertCodes(evaluation, Severity.WARNING)).containsExactly("MODE_SWITCHES");
            assertThat(reasons(evaluation)).containsExactly(notMet(MODE_SWITCHES, "mode switches 4-8 per day"));
        }

        @Test
        @DisplayName("16 switches on a day (> 15) -> HOLD with a CRITICAL alert MODE_SWITCHES among the reasons")
        void moreThanFifteenIsCritical() {
            Evaluation evaluation = decide(stage1().modeSwitchesOnDay(SYMBOL, 3, 16));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactlyInAnyOrder(
                    notMet(MODE_SWITCHES, "mode switches 4-8 per day"),
                    criticalAlert("Alert: mode switches per day", "MODE_SWITCHES"));
            assertThat(voteBy(evaluation, "Alert: mode switches per day").vote().value()).isEqualTo(16.0);
        }
    }

    // ------------------------------------------------------------------ parameter-update latency

    @Nested
    @DisplayName("parameter-update P99 <= 100 ms")
    class ParameterUpdateP99 {
        @Test
        @DisplayName("P99 = 100 ms -> ADVANCE")
        void atTheLimitAdvances() {
            Evaluation evaluation = decide(stage1().paramUpdateP99(100));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, P99, 100);
            assertThat(evaluation.votes()).noneMatch(v -> v.vote().kind() == VoteKind.ALERT);
        }

        @Test
        @DisplayName("P99 = 100.1 ms -> HOLD with reason rule '" + P99 + "' not met")
        void justAboveHolds() {
            Evaluation evaluation = decide(stage1().paramUpdateP99(100.1));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(notMet(P99, "parameter update P99 <= 100 ms"));
            assertNotMet(evaluation, P99, 100.1);
            assertThat(alertCodes(evaluation, Severity.WARNING)).containsExactly("PARAM_UPDATE_P99");
        }

        @Test
        @DisplayName("P99 = 200.1 ms -> HOLD with a CRITICAL alert; stage 1 has no latency rollback")
        void aboveTwoHundredIsCritical() {
            Evaluation evaluation = decide(stage1().paramUpdateP99(200.1));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactlyInAnyOrder(
                    notMet(P99, "parameter update P99 <= 100 ms"),
                    criticalAlert("Alert: parameter-update P99", "PARAM_UPDATE_P99"));
        }
    }

    // ------------------------------------------------------------------ data quality

    @Nested
    @DisplayName("OFI / CVD signal quality not degraded (2% noise tolerance, 10% rolls back)")
    class SignalQuality {
        @Test
        @DisplayName("OFI 2% below baseline -> ADVANCE")
        void ofiTwoPercentBelowAdvances() {
            Evaluation evaluation = decide(stage1().ofiQuality(98));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, OFI, 98);
        }

        @Test
        @DisplayName("OFI 2.1% below baseline -> HOLD, rule '" + OFI + "' not met")
        void ofiJustOverTwoPercentHolds() {
            Evaluation evaluation = decide(stage1().ofiQuality(97.9));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(notMet(OFI, "OFI quality not below baseline"));
            assertNotMet(evaluation, OFI, 97.9);
            assertThat(voteBy(evaluation, OFI).vote().baseline()).isEqualTo(100.0);
        }

        @Test
        @DisplayName("CVD 2% below baseline -> ADVANCE")
        void cvdTwoPercentBelowAdvances() {
            Evaluation evaluation = decide(stage1().cvdQuality(98));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, CVD, 98);
        }

        @Test
        @DisplayName("CVD 2.1% below baseline -> HOLD, rule '" + CVD + "' not met")
        void cvdJustOverTwoPercentHolds() {
            Evaluation evaluation = decide(stage1().cvdQuality(97.9));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(notMet(CVD, "CVD quality not below baseline"));
        }

        @Test
        @DisplayName("OFI 4.9% below baseline -> HOLD by the gate only, no alert")
        void justAboveTheAlertLevel() {
            Evaluation evaluation = decide(stage1().ofiQuality(95.1));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(notMet(OFI, "OFI quality not below baseline"));
            assertThat(evaluation.votes()).noneMatch(v -> v.vote().kind() == VoteKind.ALERT);
        }

        @Test
        @DisplayName("CVD 5% below baseline -> HOLD with a CRITICAL SIGNAL_QUALITY alert")
        void fivePercentIsACriticalAlert() {
            Evaluation evaluation = decide(stage1().cvdQuality(95));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactlyInAnyOrder(
                    notMet(CVD, "CVD quality not below baseline"),
                    criticalAlert("Alert: signal quality vs baseline", "SIGNAL_QUALITY"));
        }

        @ParameterizedTest(name = "{0} 9.9% below baseline -> HOLD, not ROLLBACK")
        @ValueSource(strings = {"ofi_signal_quality", "cvd_signal_quality"})
        void justAboveTheRollbackLevelHolds(String metric) {
            Evaluation evaluation = decide(stage1().score(metric, 90.1));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(votesBy(evaluation, "Any stage: significant signal-quality degradation")).isEmpty();
        }

        @ParameterizedTest(name = "{0} 10% below baseline -> ROLLBACK with code DATA_QUALITY")
        @ValueSource(strings = {"ofi_signal_quality", "cvd_signal_quality"})
        void tenPercentBelowRollsBack(String metric) {
            Evaluation evaluation = decide(stage1().score(metric, 90));

            assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
            assertThat(reasons(evaluation)).containsExactly(
                    rollback("Any stage: significant signal-quality degradation", "DATA_QUALITY"));
            CastVote vote = voteBy(evaluation, "Any stage: significant signal-quality degradation");
            assertThat(vote.vote().metric()).isEqualTo(metric);
            assertThat(vote.vote().value()).isEqualTo(90.0);
        }
    }

    /**
     * The same boundaries on a baseline of 1.0 instead of 100. In plain double arithmetic (0.98 - 1.0) / 1.0
     * is -0.020000000000000018 and (0.9 - 1.0) / 1.0 is -0.09999999999999998, which put the exact limits on
     * the wrong side of the rules' comparisons; Comparison rounds relative changes so they are not.
     */
    @Nested
    @DisplayName("signal-quality boundaries on a baseline of 1.0")
    class SignalQualityOnAUnitBaseline {
        @Test
        @DisplayName("OFI 0.98 against 1.0 (exactly 2% below) -> ADVANCE")
        void exactlyTwoPercentBelowAdvances() {
            Evaluation evaluation = decide(stage1().score("ofi_signal_quality", 0.98, 1.0));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, OFI, 0.98);
        }

        @Test
        @DisplayName("OFI 0.90 against 1.0 (exactly 10% below) -> ROLLBACK DATA_QUALITY")
        void exactlyTenPercentBelowRollsBack() {
            Evaluation evaluation = decide(stage1().score("ofi_signal_quality", 0.90, 1.0));

            assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
            assertThat(reasons(evaluation)).containsExactly(
                    rollback("Any stage: significant signal-quality degradation", "DATA_QUALITY"));
        }

        @Test
        @DisplayName("OFI 0.979 against 1.0 (2.1% below) -> HOLD; 0.89 against 1.0 (11% below) -> ROLLBACK")
        void clearlyOutsideTheLimits() {
            assertThat(decide(stage1().score("ofi_signal_quality", 0.979, 1.0)).decision()).isEqualTo(HOLD);
            assertThat(decide(stage1().score("ofi_signal_quality", 0.89, 1.0)).decision()).isEqualTo(ROLLBACK);
        }
    }

    @Nested
    @DisplayName("z-score distribution within 10% of baseline")
    class ZScore {
        @Test
        @DisplayName("deviation 0.10 -> ADVANCE")
        void atTheLimitAdvances() {
            Evaluation evaluation = decide(stage1().zscoreDeviation(0.10));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, ZSCORE, 0.10);
            assertThat(votesBy(evaluation, "Alert: z-score distribution")).isEmpty();
        }

        @Test
        @DisplayName("deviation 0.11 -> HOLD, rule '" + ZSCORE + "' not met and a CRITICAL alert")
        void aboveTheLimitHolds() {
            Evaluation evaluation = decide(stage1().zscoreDeviation(0.11));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactlyInAnyOrder(
                    notMet(ZSCORE, "z-score distribution within 10% of baseline"),
                    criticalAlert("Alert: z-score distribution", "ZSCORE_DISTRIBUTION"));
            assertNotMet(evaluation, ZSCORE, 0.11);
        }
    }

    @Nested
    @DisplayName("data loss not above baseline (+0.0001 tolerance; > 0.1% alerts critical; > 1% rolls back)")
    class DataLoss {
        @Test
        @DisplayName("0.0001 against a baseline of 0 -> ADVANCE, with a WARNING alert only")
        void withinToleranceAdvances() {
            Evaluation evaluation = decide(stage1().dataLoss(0.0001, 0));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, DATA_LOSS, 0.0001);
            assertThat(alertCodes(evaluation, Severity.WARNING)).containsExactly("DATA_LOSS");
        }

        @Test
        @DisplayName("0.0002 against a baseline of 0 -> HOLD, rule '" + DATA_LOSS + "' not met")
        void aboveBaselineHolds() {
            Evaluation evaluation = decide(stage1().dataLoss(0.0002, 0));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(notMet(DATA_LOSS, "data loss not above baseline"));
            assertNotMet(evaluation, DATA_LOSS, 0.0002);
        }

        @Test
        @DisplayName("0.0002 against a baseline of 0.0001 -> ADVANCE")
        void sameAsLossyBaselineAdvances() {
            Evaluation evaluation = decide(stage1().dataLoss(0.0002, 0.0001));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, DATA_LOSS, 0.0002);
        }

        @Test
        @DisplayName("0.1% (equal to baseline) -> ADVANCE with a WARNING; 0.15% (equal to baseline) -> HOLD by a CRITICAL alert")
        void criticalAlertAboveOneTenthOfAPercent() {
            Evaluation atLimit = decide(stage1().dataLoss(0.001, 0.001));
            assertThat(atLimit.decision()).isEqualTo(ADVANCE);
            assertThat(alertCodes(atLimit, Severity.WARNING)).containsExactly("DATA_LOSS");

            Evaluation above = decide(stage1().dataLoss(0.0015, 0.0015));
            assertThat(above.decision()).isEqualTo(HOLD);
            assertThat(reasons(above)).containsExactly(criticalAlert("Alert: data loss", "DATA_LOSS"));
        }

        @Test
        @DisplayName("1% -> HOLD, not ROLLBACK; 1.01% -> ROLLBACK with code DATA_LOSS")
        void rollbackAboveOnePercent() {
            Evaluation atLimit = decide(stage1().dataLoss(0.01, 0));
            assertThat(atLimit.decision()).isEqualTo(HOLD);
            assertThat(votesBy(atLimit, "Any stage: significant data loss")).isEmpty();

            Evaluation above = decide(stage1().dataLoss(0.0101, 0));
            assertThat(above.decision()).isEqualTo(ROLLBACK);
            assertThat(reasons(above)).containsExactly(rollback("Any stage: significant data loss", "DATA_LOSS"));
        }
    }

    // ------------------------------------------------------------------ alerts and triggers

    @Test
    @DisplayName("critical_alert_count 1 -> HOLD, rule '" + NO_CRITICAL_ALERT + "' not met")
    void criticalAlertRaisedHolds() {
        Evaluation evaluation = decide(stage1().criticalAlertsRaised(1));

        assertThat(evaluation.decision()).isEqualTo(HOLD);
        assertThat(reasons(evaluation)).containsExactly(notMet(NO_CRITICAL_ALERT, "no critical alert"));
        assertNotMet(evaluation, NO_CRITICAL_ALERT, 1);
    }

    @Test
    @DisplayName("critical_alert_count 0 -> ADVANCE")
    void noCriticalAlertAdvances() {
        Evaluation evaluation = decide(stage1().criticalAlertsRaised(0));

        assertThat(evaluation.decision()).isEqualTo(ADVANCE);
        assertMet(evaluation, NO_CRITICAL_ALERT, 0);
    }

    @Nested
    @DisplayName("frequent parameter-update time-outs (5 or more on one day)")
    class Timeouts {
        @Test
        @DisplayName("4 time-outs on a day -> ADVANCE")
        void fourOnADayAdvances() {
            Evaluation evaluation = decide(stage1().paramUpdateTimeoutsOnDay(2, 4));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertThat(votesBy(evaluation, "S1 frequent parameter-update time-outs")).isEmpty();
        }

        @Test
        @DisplayName("4 time-outs on every day (12 in the window) -> ADVANCE: the limit is per day")
        void fourEveryDayAdvances() {
            Evaluation evaluation = decide(stage1().paramUpdateTimeoutsOnDay(1, 4).paramUpdateTimeoutsOnDay(2, 4)
                    .paramUpdateTimeoutsOnDay(3, 4));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
        }

        @Test
        @DisplayName("5 time-outs on a day -> ROLLBACK with code PARAM_UPDATE_TIMEOUTS")
        void fiveOnADayRollsBack() {
            Evaluation evaluation = decide(stage1().prior(0, 1).paramUpdateTimeoutsOnDay(2, 5));

            assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
            assertThat(reasons(evaluation)).containsExactly(
                    rollback(SOFT_LIMIT, "PARAM_UPDATE_TIMEOUTS"));
            CastVote vote = softVote(evaluation, "S1 frequent parameter-update time-outs");
            assertThat(vote.vote().value()).isEqualTo(5.0);
            assertThat(vote.vote().message()).contains(Scenario.WINDOW_START.plusDays(1).toString());
        }
    }

    @Test
    @DisplayName("an unexplained anomaly -> ROLLBACK with code UNEXPLAINED_ANOMALY")
    void unexplainedAnomalyRollsBack() {
        Evaluation evaluation = decide(stage1().unexplainedAnomalies(1));

        assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
        assertThat(reasons(evaluation)).containsExactly(rollback("S1 unexplained anomaly", "UNEXPLAINED_ANOMALY"));
    }

    @Test
    @DisplayName("a severe error -> ROLLBACK with code SEVERE_ERROR")
    void severeErrorRollsBack() {
        Evaluation evaluation = decide(stage1().severeErrors(1));

        assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
        assertThat(reasons(evaluation)).containsExactly(rollback("Any stage: severe error", "SEVERE_ERROR"));
    }

    @Test
    @DisplayName("a risk to funds -> ROLLBACK with code FUND_RISK")
    void fundRiskRollsBack() {
        Evaluation evaluation = decide(stage1().fundRiskEvents(1));

        assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
        assertThat(reasons(evaluation)).containsExactly(rollback("Any stage: risk to funds", "FUND_RISK"));
    }

    @Test
    @DisplayName("zero counts of severe errors, anomalies and fund-risk events trigger nothing")
    void zeroCountsTriggerNothing() {
        Evaluation evaluation = decide(stage1().severeErrors(0).unexplainedAnomalies(0).fundRiskEvents(0));

        assertThat(evaluation.decision()).isEqualTo(ADVANCE);
        assertThat(evaluation.votes()).noneMatch(v -> v.vote().verdict() == Verdict.ROLLBACK);
    }
}
