package io.graygate.evaluation;

import io.graygate.decision.CastVote;
import io.graygate.decision.Evaluation;

import io.graygate.facts.Severity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.graygate.facts.Verdict.ADVANCE;
import static io.graygate.facts.Verdict.HOLD;
import static io.graygate.facts.Verdict.ROLLBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Stage 2 (50%, five major symbols, 1 week): advance conditions and rollback triggers at their thresholds. */
@DisplayName("stage 2 (gray_50pct)")
class Stage2DecisionTest extends DecisionTestSupport {
    static final String NO_CRASH = "S2 no crash in the week";
    static final String CONSISTENT = "S2 all symbols switch consistently";
    static final String SYMBOL_QUALITY = "S2 all symbols keep signal quality";
    static final String P99 = "S2 parameter update P99 stable";
    static final String CPU = "S2 CPU stable";
    static final String MEMORY = "S2 memory stable";
    static final String RETURN = "S2 return at least baseline";
    static final String NO_CRITICAL_ALERT = "S2 no critical alert";
    static final String SEVERAL_SYMBOLS = "S2+ several symbols in trouble";
    static final String LATENCY_ROLLBACK = "S2+ significant performance degradation: latency";
    static final String RETURN_ROLLBACK = "S2+ significant performance degradation: return";

    @Test
    @DisplayName("healthy -> ADVANCE, every stage-2 advance condition judged and met, no alert")
    void healthyAdvances() {
        Evaluation evaluation = decide(stage2());

        assertThat(evaluation.decision()).isEqualTo(ADVANCE);
        assertThat(evaluation.votes()).extracting(CastVote::rule).containsExactlyInAnyOrder(
                NO_CRASH, CONSISTENT, SYMBOL_QUALITY, P99, CPU, MEMORY, RETURN, NO_CRITICAL_ALERT,
                "S2 user/business feedback positive", PASS_STREAK_MET);
        assertThat(evaluation.votes()).allSatisfy(v -> assertThat(v.vote().met()).isTrue());
        assertThat(evaluation.votes()).extracting(CastVote::rule).containsAll(
                rules.rules().values().stream()
                        .filter(r -> r.kind().equals("gate") && r.name().startsWith("S2 "))
                        .filter(r -> !r.name().contains("computed"))   // ComputedSwitchDecisionTest: facts not in Scenario
                        .map(r -> r.name()).toList());
    }

    @Test
    @DisplayName("1 crash in the week -> ROLLBACK with code CRASH")
    void crashRollsBack() {
        Evaluation evaluation = decide(stage2().crashes(1));

        assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
        assertThat(reasons(evaluation)).containsExactly(rollback("Any stage: crash", "CRASH"));
        assertNotMet(evaluation, NO_CRASH, 1);
    }

    @Test
    @DisplayName("critical_alert_count 1 -> HOLD, rule '" + NO_CRITICAL_ALERT + "' not met")
    void criticalAlertRaisedHolds() {
        Evaluation evaluation = decide(stage2().criticalAlertsRaised(1));

        assertThat(evaluation.decision()).isEqualTo(HOLD);
        assertThat(reasons(evaluation)).containsExactly(notMet(NO_CRITICAL_ALERT, "no critical alert"));
    }

    // ------------------------------------------------------------------ several symbols in trouble

    @Nested
    @DisplayName("several symbols in trouble at the same time")
    class SeveralSymbols {
        @Test
        @DisplayName("2 symbols with OFI quality more than 5% below baseline -> ROLLBACK with code SEVERAL_SYMBOLS")
        void twoSymbolsRollBack() {
            Evaluation evaluation = decide(stage2().prior(0, 1)
                    .symbolScore("ofi_signal_quality", "BTCUSDT", 94.9)
                    .symbolScore("ofi_signal_quality", "SOLUSDT", 94.9));

            assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
            assertThat(reasons(evaluation)).containsExactly(rollback(SOFT_LIMIT, "SEVERAL_SYMBOLS"));
            CastVote vote = softVote(evaluation, SEVERAL_SYMBOLS);
            assertThat(vote.vote().value()).isEqualTo(2.0);
            assertThat(vote.vote().message()).contains("BTCUSDT", "SOLUSDT");
        }

        @Test
        @DisplayName("1 symbol with OFI quality more than 5% below baseline -> HOLD, not ROLLBACK")
        void oneSymbolHolds() {
            Evaluation evaluation = decide(stage2().symbolScore("ofi_signal_quality", "BTCUSDT", 94.9));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(
                    notMet(SYMBOL_QUALITY, "all symbols' signal quality within 5% of baseline"));
            assertThat(voteBy(evaluation, SYMBOL_QUALITY).vote().value()).isCloseTo(-0.051, within(1e-9));
            assertThat(votesBy(evaluation, SEVERAL_SYMBOLS)).isEmpty();
        }

        @Test
        @DisplayName("1 symbol with both OFI and CVD more than 5% below baseline is still one symbol -> HOLD")
        void oneSymbolTwiceHolds() {
            Evaluation evaluation = decide(stage2()
                    .symbolScore("ofi_signal_quality", "BTCUSDT", 94)
                    .symbolScore("cvd_signal_quality", "BTCUSDT", 94));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(votesBy(evaluation, SEVERAL_SYMBOLS)).isEmpty();
        }

        @Test
        @DisplayName("2 symbols exactly 5% below baseline (CVD) -> ADVANCE: trouble starts below -5%")
        void exactlyFivePercentIsNoTrouble() {
            Evaluation evaluation = decide(stage2()
                    .symbolScore("cvd_signal_quality", "BTCUSDT", 95)
                    .symbolScore("cvd_signal_quality", "ETHUSDT", 95));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertThat(voteBy(evaluation, SYMBOL_QUALITY).vote().met()).isTrue();
        }

        @Test
        @DisplayName("a switching storm (16 on a day) on 1 symbol -> HOLD by the CRITICAL alert, not ROLLBACK")
        void oneSwitchingStormHolds() {
            Evaluation evaluation = decide(stage2().modeSwitchesOnDay("XRPUSDT", 4, 16));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(
                    criticalAlert("Alert: mode switches per day", "MODE_SWITCHES"));
        }

        @Test
        @DisplayName("a switching storm on 1 symbol and a quality drop on another -> ROLLBACK SEVERAL_SYMBOLS")
        void stormPlusQualityDropRollsBack() {
            Evaluation evaluation = decide(stage2().prior(0, 1)
                    .modeSwitchesOnDay("XRPUSDT", 4, 16)
                    .symbolScore("cvd_signal_quality", "BNBUSDT", 94.9));

            assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
            assertThat(reasons(evaluation)).containsExactly(rollback(SOFT_LIMIT, "SEVERAL_SYMBOLS"));
            assertThat(softVote(evaluation, SEVERAL_SYMBOLS).vote().message()).contains("BNBUSDT", "XRPUSDT");
        }

        @Test
        @DisplayName("15 switches on a day on 2 symbols -> ADVANCE with WARNING alerts: no storm")
        void fifteenOnTwoSymbolsIsNoStorm() {
            Evaluation evaluation = decide(stage2()
                    .modeSwitchesOnDay("XRPUSDT", 4, 15)
                    .modeSwitchesOnDay("BTCUSDT", 5, 15));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertThat(alertCodes(evaluation, Severity.WARNING)).containsExactly("MODE_SWITCHES", "MODE_SWITCHES");
        }

        @Test
        @DisplayName("16 switches on a day on 2 symbols -> ROLLBACK SEVERAL_SYMBOLS")
        void stormsOnTwoSymbolsRollBack() {
            Evaluation evaluation = decide(stage2().prior(0, 1)
                    .modeSwitchesOnDay("XRPUSDT", 4, 16)
                    .modeSwitchesOnDay("BTCUSDT", 5, 16));

            assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
            assertThat(reasons(evaluation)).containsExactly(rollback(SOFT_LIMIT, "SEVERAL_SYMBOLS"));
        }
    }

    // ------------------------------------------------------------------ switching consistency

    @Nested
    @DisplayName("all symbols switch 4-8 times per day on average")
    class Consistency {
        @Test
        @DisplayName("a symbol at 4 every day -> ADVANCE")
        void fourADayAdvances() {
            Evaluation evaluation = decide(stage2().modeSwitchesEveryDay("SOLUSDT", 4));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            // with every symbol inside 4..8 the vote reports the highest daily mean (the others switch 6 a day)
            assertMet(evaluation, CONSISTENT, 6);
        }

        @Test
        @DisplayName("a symbol at 4 a day but 3 on one day (3.86 a day) -> HOLD, rule '" + CONSISTENT + "' not met")
        void belowFourADayHolds() {
            Evaluation evaluation = decide(stage2().modeSwitchesEveryDay("SOLUSDT", 4).modeSwitchesOnDay("SOLUSDT", 7, 3));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(notMet(CONSISTENT, "all symbols switch 4-8 per day"));
            assertNotMet(evaluation, CONSISTENT, 27.0 / 7);
        }

        @Test
        @DisplayName("a symbol at 8 every day -> ADVANCE")
        void eightADayAdvances() {
            Evaluation evaluation = decide(stage2().modeSwitchesEveryDay("BNBUSDT", 8));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, CONSISTENT, 8);
        }

        @Test
        @DisplayName("a symbol at 8 a day but 9 on one day (8.14 a day) -> HOLD, rule '" + CONSISTENT + "' not met")
        void aboveEightADayHolds() {
            Evaluation evaluation = decide(stage2().modeSwitchesEveryDay("BNBUSDT", 8).modeSwitchesOnDay("BNBUSDT", 1, 9));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(notMet(CONSISTENT, "all symbols switch 4-8 per day"));
            assertNotMet(evaluation, CONSISTENT, 57.0 / 7);
        }
    }

    // ------------------------------------------------------------------ performance

    @Nested
    @DisplayName("performance stable: CPU < 50%, memory < 2 GB, P99 <= 100 ms (rollback above 200 ms)")
    class Performance {
        @Test
        @DisplayName("CPU 49.99% -> ADVANCE")
        void cpuJustBelowHalfAdvances() {
            Evaluation evaluation = decide(stage2().cpu(0.4999));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, CPU, 0.4999);
        }

        @Test
        @DisplayName("CPU 50% -> HOLD, rule '" + CPU + "' not met")
        void cpuAtHalfHolds() {
            Evaluation evaluation = decide(stage2().cpu(0.5));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(notMet(CPU, "CPU < 50%"));
            assertNotMet(evaluation, CPU, 0.5);
        }

        @Test
        @DisplayName("memory peak 1 byte under 2 GB -> ADVANCE")
        void memoryJustUnderTwoGigabytesAdvances() {
            Evaluation evaluation = decide(stage2().memoryPeak(2 * Scenario.GIB - 1));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, MEMORY, 2 * Scenario.GIB - 1);
        }

        @Test
        @DisplayName("memory peak at 2 GB -> HOLD, rule '" + MEMORY + "' not met")
        void memoryAtTwoGigabytesHolds() {
            Evaluation evaluation = decide(stage2().memoryPeak(2 * Scenario.GIB));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(notMet(MEMORY, "memory < 2 GB"));
        }

        @Test
        @DisplayName("P99 = 100 ms -> ADVANCE; 100.1 ms -> HOLD, rule '" + P99 + "' not met")
        void p99Boundary() {
            Evaluation atLimit = decide(stage2().paramUpdateP99(100));
            assertThat(atLimit.decision()).isEqualTo(ADVANCE);
            assertMet(atLimit, P99, 100);

            Evaluation above = decide(stage2().paramUpdateP99(100.1));
            assertThat(above.decision()).isEqualTo(HOLD);
            assertThat(reasons(above)).containsExactly(notMet(P99, "parameter update P99 <= 100 ms"));
        }

        @Test
        @DisplayName("P99 = 200 ms -> HOLD, not ROLLBACK")
        void p99AtTwoHundredHolds() {
            Evaluation evaluation = decide(stage2().paramUpdateP99(200));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(votesBy(evaluation, LATENCY_ROLLBACK)).isEmpty();
            assertThat(alertCodes(evaluation, Severity.WARNING)).containsExactly("PARAM_UPDATE_P99");
        }

        @Test
        @DisplayName("P99 = 200.1 ms -> ROLLBACK with code PERFORMANCE")
        void p99AboveTwoHundredRollsBack() {
            Evaluation evaluation = decide(stage2().prior(0, 1).paramUpdateP99(200.1));

            assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
            assertThat(reasons(evaluation)).containsExactly(rollback(SOFT_LIMIT, "PERFORMANCE"));
            assertThat(softVote(evaluation, LATENCY_ROLLBACK).vote().value()).isEqualTo(200.1);
        }
    }

    // ------------------------------------------------------------------ return against baseline

    @Nested
    @DisplayName("strategy return at least baseline (1% tolerance; -5% alerts; -10% rolls back)")
    class Return {
        @Test
        @DisplayName("return 1% below baseline -> ADVANCE")
        void onePercentBelowAdvances() {
            Evaluation evaluation = decide(stage2().strategyReturn(99));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, RETURN, 99);
        }

        @Test
        @DisplayName("return 1.1% below baseline -> HOLD, rule '" + RETURN + "' not met")
        void justOverOnePercentBelowHolds() {
            Evaluation evaluation = decide(stage2().strategyReturn(98.9));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(notMet(RETURN, "return at least baseline"));
            assertNotMet(evaluation, RETURN, 98.9);
        }

        @Test
        @DisplayName("return 5% below baseline -> HOLD with a CRITICAL STRATEGY_RETURN alert")
        void fivePercentBelowIsCritical() {
            Evaluation evaluation = decide(stage2().strategyReturn(95));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactlyInAnyOrder(
                    notMet(RETURN, "return at least baseline"),
                    criticalAlert("Alert: strategy return vs baseline", "STRATEGY_RETURN"));
        }

        @Test
        @DisplayName("return 9.9% below baseline -> HOLD, not ROLLBACK")
        void justAboveRollbackLevelHolds() {
            Evaluation evaluation = decide(stage2().strategyReturn(90.1));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(votesBy(evaluation, RETURN_ROLLBACK)).isEmpty();
        }

        @Test
        @DisplayName("return 10% below baseline -> ROLLBACK with code PERFORMANCE")
        void tenPercentBelowRollsBack() {
            Evaluation evaluation = decide(stage2().prior(0, 1).strategyReturn(90));

            assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
            assertThat(reasons(evaluation)).containsExactly(rollback(SOFT_LIMIT, "PERFORMANCE"));
        }
    }
}
