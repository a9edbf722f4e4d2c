package io.graygate.evaluation;

import io.graygate.decision.CastVote;
import io.graygate.decision.Evaluation;

import io.graygate.facts.Severity;
import io.graygate.facts.VoteKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.graygate.facts.Verdict.ADVANCE;
import static io.graygate.facts.Verdict.HOLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The card's monitoring thresholds on a healthy stage 1, for metrics that no stage-1 advance condition
 * judges: between "normal" and "alert" a WARNING that leaves ADVANCE alone, beyond "alert" a CRITICAL
 * alert that holds the stage.
 */
@DisplayName("alerts on a healthy stage 1")
class AlertDecisionTest extends DecisionTestSupport {

    static Stream<Arguments> warnings() {
        return Stream.of(
                arguments("uptime 0.995", change(s -> s.uptime(0.995)), "Alert: uptime", "UPTIME"),
                arguments("uptime 0.99 (critical only below)", change(s -> s.uptime(0.99)), "Alert: uptime", "UPTIME"),
                arguments("CPU 0.6", change(s -> s.cpu(0.6)), "Alert: CPU", "CPU"),
                arguments("CPU 0.7 (critical only above)", change(s -> s.cpu(0.7)), "Alert: CPU", "CPU"),
                arguments("memory peak 2.5 GB", change(s -> s.memoryPeak(2.5 * Scenario.GIB)), "Alert: memory", "MEMORY"),
                arguments("memory peak 3 GB (critical only above)", change(s -> s.memoryPeak(3 * Scenario.GIB)),
                        "Alert: memory", "MEMORY"),
                arguments("data loss 0.005% (baseline 0)", change(s -> s.dataLoss(0.00005, 0)), "Alert: data loss",
                        "DATA_LOSS"));
    }

    @ParameterizedTest(name = "healthy except {0} -> still ADVANCE, WARNING alert {3} reported but no reason")
    @MethodSource("warnings")
    void warningDoesNotChangeAdvance(String change, UnaryOperator<Scenario> scenario, String rule, String code) {
        Evaluation evaluation = decide(scenario.apply(stage1()));

        assertThat(evaluation.decision()).isEqualTo(ADVANCE);
        CastVote alert = voteBy(evaluation, rule);
        assertThat(alert.vote().kind()).isEqualTo(VoteKind.ALERT);
        assertThat(alert.vote().severity()).isEqualTo(Severity.WARNING);
        assertThat(alert.vote().code()).isEqualTo(code);
        assertThat(evaluation.reasons()).doesNotContain(alert);
    }

    static Stream<Arguments> criticals() {
        return Stream.of(
                arguments("uptime 0.9899", change(s -> s.uptime(0.9899)), "Alert: uptime", "UPTIME"),
                arguments("CPU 0.7001", change(s -> s.cpu(0.7001)), "Alert: CPU", "CPU"),
                arguments("memory peak 3 GB + 1 byte", change(s -> s.memoryPeak(3 * Scenario.GIB + 1)), "Alert: memory",
                        "MEMORY"),
                arguments("data loss 0.15% (same as baseline)", change(s -> s.dataLoss(0.0015, 0.0015)),
                        "Alert: data loss", "DATA_LOSS"));
    }

    @ParameterizedTest(name = "healthy except {0} -> HOLD with reason CRITICAL alert {3}")
    @MethodSource("criticals")
    void criticalAlertHolds(String change, UnaryOperator<Scenario> scenario, String rule, String code) {
        Evaluation evaluation = decide(scenario.apply(stage1()));

        assertThat(evaluation.decision()).isEqualTo(HOLD);
        assertThat(reasons(evaluation)).containsExactly(criticalAlert(rule, code));
        assertThat(voteBy(evaluation, rule).vote().severity()).isEqualTo(Severity.CRITICAL);
    }

    static Stream<Arguments> normals() {
        return Stream.of(
                arguments("uptime 0.999", change(s -> s.uptime(0.999))),
                arguments("CPU 0.5", change(s -> s.cpu(0.5))),
                arguments("memory peak 2 GB", change(s -> s.memoryPeak(2 * Scenario.GIB))),
                arguments("P99 100 ms", change(s -> s.paramUpdateP99(100))),
                arguments("8 mode switches on a day", change(s -> s.modeSwitchesOnDay("ETHUSDT", 1, 8))),
                arguments("OFI quality 4.9% below baseline", change(s -> s.ofiQuality(95.1))),
                arguments("z-score deviation 0.10", change(s -> s.zscoreDeviation(0.10))));
    }

    @ParameterizedTest(name = "healthy except {0} (normal range) -> no alert at all")
    @MethodSource("normals")
    void normalRangeRaisesNoAlert(String change, UnaryOperator<Scenario> scenario) {
        Evaluation evaluation = decide(scenario.apply(stage1()));

        assertThat(evaluation.votes()).noneMatch(v -> v.vote().kind() == VoteKind.ALERT);
    }

    private static UnaryOperator<Scenario> change(UnaryOperator<Scenario> change) {
        return change;
    }
}
