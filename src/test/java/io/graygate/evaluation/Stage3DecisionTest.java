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

/** Stage 3 (100%, every symbol, 2 weeks, throttle_in_quiet on): the success conditions at their thresholds. */
@DisplayName("stage 3 (full)")
class Stage3DecisionTest extends DecisionTestSupport {
    static final String STABILITY = "S3 stability at least 99.9%";
    static final String PERFORMANCE = "S3 performance at least baseline";
    static final String QUIET = "S3 quiet-period resource use lower";
    static final String ACTIVE = "S3 active-period performance better";
    static final String NO_CRITICAL_ALERT = "S3 no critical alert";

    @Test
    @DisplayName("healthy (throttle_in_quiet on) -> ADVANCE, every stage-3 advance condition judged and met")
    void healthyAdvances() {
        Scenario healthy = stage3();
        assertThat(healthy.stageConfig().throttleInQuiet()).as("config/production_full.yaml throttles").isTrue();

        Evaluation evaluation = decide(healthy);

        assertThat(evaluation.decision()).isEqualTo(ADVANCE);
        assertThat(evaluation.votes()).extracting(CastVote::rule).containsExactlyInAnyOrder(
                STABILITY, PERFORMANCE, QUIET, ACTIVE, NO_CRITICAL_ALERT, "S3 team accepts as default", PASS_STREAK_MET);
        assertThat(evaluation.votes()).allSatisfy(v -> assertThat(v.vote().met()).isTrue());
        assertThat(evaluation.votes()).extracting(CastVote::rule).containsAll(
                rules.rules().values().stream()
                        .filter(r -> r.kind().equals("gate") && r.name().startsWith("S3 ")).map(r -> r.name()).toList());
    }

    @Nested
    @DisplayName("stability >= 99.9%")
    class Stability {
        @Test
        @DisplayName("uptime 0.999 -> ADVANCE")
        void atTheLimitAdvances() {
            Evaluation evaluation = decide(stage3().uptime(0.999));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, STABILITY, 0.999);
            assertThat(votesBy(evaluation, "Alert: uptime")).isEmpty();
        }

        @Test
        @DisplayName("uptime 0.9989 -> HOLD, rule '" + STABILITY + "' not met (the WARNING alert is no reason)")
        void justBelowHolds() {
            Evaluation evaluation = decide(stage3().uptime(0.9989));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(notMet(STABILITY, "stability >= 99.9%"));
            assertNotMet(evaluation, STABILITY, 0.9989);
            assertThat(alertCodes(evaluation, Severity.WARNING)).containsExactly("UPTIME");
        }

        @Test
        @DisplayName("uptime 0.989 -> HOLD with a CRITICAL UPTIME alert")
        void belowNinetyNinePercentIsCritical() {
            Evaluation evaluation = decide(stage3().uptime(0.989));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactlyInAnyOrder(
                    notMet(STABILITY, "stability >= 99.9%"), criticalAlert("Alert: uptime", "UPTIME"));
        }
    }

    @Nested
    @DisplayName("overall performance at least baseline (1% tolerance)")
    class OverallPerformance {
        @Test
        @DisplayName("return 1% below baseline -> ADVANCE")
        void onePercentBelowAdvances() {
            Evaluation evaluation = decide(stage3().strategyReturn(99));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, PERFORMANCE, 99);
        }

        @Test
        @DisplayName("return 1.1% below baseline -> HOLD, rule '" + PERFORMANCE + "' not met")
        void justOverOnePercentBelowHolds() {
            Evaluation evaluation = decide(stage3().strategyReturn(98.9));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(notMet(PERFORMANCE, "performance at least baseline"));
        }

        @Test
        @DisplayName("return 10% below baseline -> ROLLBACK (stage 2+ trigger applies to stage 3)")
        void tenPercentBelowRollsBack() {
            Evaluation evaluation = decide(stage3().prior(0, 1).strategyReturn(90));

            assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
            assertThat(reasons(evaluation)).containsExactly(rollback(SOFT_LIMIT, "PERFORMANCE"));
            softVote(evaluation, "S2+ significant performance degradation: return");
        }
    }

    @Nested
    @DisplayName("quiet-period resource use lower, only when throttle_in_quiet is on")
    class QuietResources {
        @Test
        @DisplayName("throttling, quiet CPU 0.21 against baseline 0.30 (exactly 30% lower, V8) -> ADVANCE")
        void thirtyPercentLowerAdvances() {
            Evaluation evaluation = decide(stage3().quietCpu(0.21, 0.30));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, QUIET, 0.21);
        }

        @Test
        @DisplayName("throttling, quiet CPU 0.2103 against baseline 0.30 (29.9% lower) -> HOLD, rule '" + QUIET + "' not met")
        void lessThanThirtyPercentLowerHolds() {
            Evaluation evaluation = decide(stage3().quietCpu(0.2103, 0.30));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(notMet(QUIET, "quiet-period resource use down >= 30%"));
            assertNotMet(evaluation, QUIET, 0.2103);
        }

        @Test
        @DisplayName("throttling, quiet CPU equal to baseline -> HOLD, rule '" + QUIET + "' not met")
        void equalHolds() {
            Evaluation evaluation = decide(stage3().quietCpu(0.30, 0.30));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(notMet(QUIET, "quiet-period resource use down >= 30%"));
            assertNotMet(evaluation, QUIET, 0.30);
        }

        @Test
        @DisplayName("not throttling, quiet CPU above baseline -> ADVANCE, the condition is not judged")
        void notThrottlingIgnoresQuietCpu() {
            Evaluation evaluation = decide(stage3().throttleInQuiet(false).quietCpu(0.40, 0.30));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertThat(votesBy(evaluation, QUIET)).isEmpty();
        }
    }

    @Nested
    @DisplayName("active-period performance >= baseline")
    class ActivePerformance {
        @Test
        @DisplayName("active return equal to baseline -> ADVANCE")
        void equalAdvances() {
            Evaluation evaluation = decide(stage3().activeStrategyReturn(100));

            assertThat(evaluation.decision()).isEqualTo(ADVANCE);
            assertMet(evaluation, ACTIVE, 100);
        }

        @Test
        @DisplayName("active return 0.1% below baseline -> HOLD, rule '" + ACTIVE + "' not met")
        void belowHolds() {
            Evaluation evaluation = decide(stage3().activeStrategyReturn(99.9));

            assertThat(evaluation.decision()).isEqualTo(HOLD);
            assertThat(reasons(evaluation)).containsExactly(notMet(ACTIVE, "active-period performance >= baseline"));
            assertNotMet(evaluation, ACTIVE, 99.9);
        }
    }

    @Test
    @DisplayName("critical_alert_count 1 -> HOLD, rule '" + NO_CRITICAL_ALERT + "' not met")
    void criticalAlertRaisedHolds() {
        Evaluation evaluation = decide(stage3().criticalAlertsRaised(1));

        assertThat(evaluation.decision()).isEqualTo(HOLD);
        assertThat(reasons(evaluation)).containsExactly(notMet(NO_CRITICAL_ALERT, "no critical alert"));
    }

    @Test
    @DisplayName("P99 = 200.1 ms -> ROLLBACK (stage 2+ latency trigger applies to stage 3)")
    void latencyRollbackAppliesToStage3() {
        Evaluation evaluation = decide(stage3().prior(0, 1).paramUpdateP99(200.1));

        assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
        assertThat(reasons(evaluation)).containsExactly(rollback(SOFT_LIMIT, "PERFORMANCE"));
        softVote(evaluation, "S2+ significant performance degradation: latency");
    }
}
