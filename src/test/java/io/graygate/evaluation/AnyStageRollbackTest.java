package io.graygate.evaluation;

import io.graygate.decision.Evaluation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.graygate.facts.Verdict.ADVANCE;
import static io.graygate.facts.Verdict.ROLLBACK;
import static org.assertj.core.api.Assertions.assertThat;

/** The triggers that roll back at every stage: "when anything goes wrong, the safety of funds comes first". */
@DisplayName("rollback triggers of every stage")
class AnyStageRollbackTest extends DecisionTestSupport {

    private static Scenario healthy(String stage) {
        return Scenario.healthy(release, stage);
    }

    @ParameterizedTest(name = "{0} healthy -> ADVANCE (the baseline the triggers below change)")
    @ValueSource(strings = {STAGE_1, STAGE_2, STAGE_3})
    void healthyAdvances(String stage) {
        assertThat(decide(healthy(stage)).decision()).isEqualTo(ADVANCE);
    }

    @ParameterizedTest(name = "{0} healthy except 1 fund-risk event -> ROLLBACK with code FUND_RISK")
    @ValueSource(strings = {STAGE_1, STAGE_2, STAGE_3})
    void fundRisk(String stage) {
        Evaluation evaluation = decide(healthy(stage).fundRiskEvents(1));

        assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
        assertThat(reasons(evaluation)).containsExactly(rollback("Any stage: risk to funds", "FUND_RISK"));
    }

    @ParameterizedTest(name = "{0} healthy except 1 crash -> ROLLBACK with code CRASH")
    @ValueSource(strings = {STAGE_1, STAGE_2, STAGE_3})
    void crash(String stage) {
        Evaluation evaluation = decide(healthy(stage).crashes(1));

        assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
        assertThat(reasons(evaluation)).containsExactly(rollback("Any stage: crash", "CRASH"));
    }

    @ParameterizedTest(name = "{0} healthy except 1 severe error -> ROLLBACK with code SEVERE_ERROR")
    @ValueSource(strings = {STAGE_1, STAGE_2, STAGE_3})
    void severeError(String stage) {
        Evaluation evaluation = decide(healthy(stage).severeErrors(1));

        assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
        assertThat(reasons(evaluation)).containsExactly(rollback("Any stage: severe error", "SEVERE_ERROR"));
    }

    @ParameterizedTest(name = "{0} healthy except CVD quality 10% below baseline -> ROLLBACK with code DATA_QUALITY")
    @ValueSource(strings = {STAGE_1, STAGE_2, STAGE_3})
    void signalQuality(String stage) {
        Evaluation evaluation = decide(healthy(stage).cvdQuality(90));

        assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
        assertThat(reasons(evaluation)).containsExactly(
                rollback("Any stage: significant signal-quality degradation", "DATA_QUALITY"));
    }

    @ParameterizedTest(name = "{0} healthy except data loss 1.01% -> ROLLBACK with code DATA_LOSS")
    @ValueSource(strings = {STAGE_1, STAGE_2, STAGE_3})
    void dataLoss(String stage) {
        Evaluation evaluation = decide(healthy(stage).dataLoss(0.0101, 0.0101));

        assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
        assertThat(reasons(evaluation)).containsExactly(rollback("Any stage: significant data loss", "DATA_LOSS"));
    }
}
