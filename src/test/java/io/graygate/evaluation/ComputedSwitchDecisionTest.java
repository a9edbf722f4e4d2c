package io.graygate.evaluation;

import io.graygate.decision.Evaluation;

import io.graygate.facts.ComputedSwitches;
import io.graygate.facts.Severity;
import io.graygate.facts.Verdict;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The gates and alerts on the switches graygate computes, beside the reported ones. */
class ComputedSwitchDecisionTest extends DecisionTestSupport {
    private static final String S1_RULE = "S1 computed mode switches 4-8 per day";
    private static final String S2_RULE = "S2 computed mode switches consistent across symbols";
    private static final String ALERT = "Alert: computed mode switches per day";
    private static final String MISMATCH = "Alert: computed and reported switches differ";

    /** Every symbol-day of the scenario with {@code computed} switches, reported as the scenario reports them (6). */
    private static List<ComputedSwitches> everyDay(Scenario s, int computed) {
        List<ComputedSwitches> out = new ArrayList<>();
        for (String symbol : s.symbols()) {
            for (int d = 0; d < s.window().daysObserved(); d++) {
                out.add(new ComputedSwitches(symbol, s.window().start().plusDays(d), computed, 6.0));
            }
        }
        return out;
    }

    private static List<ComputedSwitches> replace(List<ComputedSwitches> all, int index, int computed) {
        List<ComputedSwitches> out = new ArrayList<>(all);
        ComputedSwitches old = out.get(index);
        out.set(index, new ComputedSwitches(old.symbol(), old.day(), computed, (double) computed));
        return out;
    }

    private static Evaluation decide(Scenario s, List<ComputedSwitches> computed) {
        return EvaluateStage.decide(s.facts().withSwitches(computed), rules, s.window(), s.stageConfig(), "test");
    }

    @Test
    void stage1AdvancesWhenComputedAndReportedAgreeWithinFourToEight() {
        Evaluation e = decide(stage1(), everyDay(stage1(), 6));
        assertThat(e.decision()).as("%s", reasons(e)).isEqualTo(Verdict.ADVANCE);
        assertMet(e, S1_RULE, 6);
        assertThat(votesBy(e, MISMATCH)).isEmpty();
    }

    @Test
    void stage1HoldsWhenOneComputedSymbolDayHasThreeSwitches() {
        Evaluation e = decide(stage1(), replace(everyDay(stage1(), 6), 1, 3));
        assertThat(e.decision()).isEqualTo(Verdict.HOLD);
        assertNotMet(e, S1_RULE, 3);
    }

    @Test
    void stage1NineComputedSwitchesAreOutsideTheTargetAndAWarning() {
        Evaluation e = decide(stage1(), replace(everyDay(stage1(), 6), 0, 9));
        assertNotMet(e, S1_RULE, 9);
        assertThat(alertCodes(e, Severity.WARNING)).contains("COMPUTED_MODE_SWITCHES");
    }

    @Test
    void moreThanFifteenComputedSwitchesOnADayIsACriticalAlertAndHolds() {
        Evaluation fifteen = decide(stage3(), replace(everyDay(stage3(), 6), 4, 15));
        assertThat(alertCodes(fifteen, Severity.CRITICAL)).doesNotContain("COMPUTED_MODE_SWITCHES");
        Evaluation sixteen = decide(stage3(), replace(everyDay(stage3(), 6), 4, 16));
        assertThat(alertCodes(sixteen, Severity.CRITICAL)).containsExactly("COMPUTED_MODE_SWITCHES");
        assertThat(sixteen.decision()).isEqualTo(Verdict.HOLD);
        assertThat(voteBy(sixteen, ALERT).vote().value()).isEqualTo(16.0);
    }

    @Test
    void aMismatchBetweenComputedAndReportedSwitchesIsACriticalAnomaly() {
        List<ComputedSwitches> counts = new ArrayList<>(everyDay(stage1(), 6));
        ComputedSwitches first = counts.get(0);
        counts.set(0, new ComputedSwitches(first.symbol(), first.day(), 8, 6.0));
        Evaluation e = decide(stage1(), counts);
        assertThat(e.decision()).isEqualTo(Verdict.HOLD);
        assertThat(voteBy(e, MISMATCH).vote().code()).isEqualTo("MODE_SWITCH_MISMATCH");
        assertThat(voteBy(e, MISMATCH).vote().message()).contains("reported 6", "gives 8");
    }

    @Test
    void noReportedCountIsNoMismatch() {
        LocalDate day = stage1().window().start();
        Evaluation e = decide(stage1(), List.of(new ComputedSwitches("ETHUSDT", day, 5, null)));
        assertThat(votesBy(e, MISMATCH)).isEmpty();
    }

    @Test
    void stage2JudgesEachSymbolsMeanOfComputedSwitches() {
        Scenario s = stage2();
        List<ComputedSwitches> counts = everyDay(s, 6);
        // one symbol: 3 on one day and 6 on the others: mean above 4 over the week, still met
        Evaluation oneLowDay = decide(s, replace(counts, 0, 3));
        assertThat(voteBy(oneLowDay, S2_RULE).vote().met()).isTrue();
        List<ComputedSwitches> allLow = new ArrayList<>(counts);
        for (int i = 0; i < s.window().daysObserved(); i++) {
            allLow = replace(allLow, i, 3);
        }
        assertNotMet(decide(s, allLow), S2_RULE, 3);
    }

    @Test
    void withoutComputedCountsTheRulesStaySilent() {
        Evaluation e = decide(stage1());
        assertThat(votesBy(e, S1_RULE)).isEmpty();
        assertThat(e.decision()).isEqualTo(Verdict.ADVANCE);
    }
}
