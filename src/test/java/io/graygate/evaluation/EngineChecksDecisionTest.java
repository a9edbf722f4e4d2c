package io.graygate.evaluation;

import io.graygate.decision.CastVote;
import io.graygate.decision.Evaluation;
import io.graygate.decision.FactRecord;

import io.graygate.facts.Coverage;
import io.graygate.facts.Stage;
import io.graygate.facts.VoteKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.graygate.facts.Verdict.ADVANCE;
import static io.graygate.facts.Verdict.HOLD;
import static io.graygate.facts.Verdict.ROLLBACK;
import static org.assertj.core.api.Assertions.assertThat;

/** graygate's own checks: observation period, data coverage and at least one judged advance condition. */
@DisplayName("graygate's own checks")
class EngineChecksDecisionTest extends DecisionTestSupport {
    static final String OBSERVATION = "graygate:observation-period";
    static final String COVERAGE = "graygate:data-coverage";
    static final String CONDITIONS = "graygate:advance-conditions";

    @Test
    @DisplayName("stage 1 healthy but 2 of 3 days observed -> HOLD with code OBSERVATION_INCOMPLETE")
    void incompleteObservationHolds() {
        Evaluation evaluation = decide(stage1().daysObserved(2));

        assertThat(evaluation.decision()).isEqualTo(HOLD);
        assertThat(reasons(evaluation)).containsExactly(engineHold(OBSERVATION, "OBSERVATION_INCOMPLETE"));
        CastVote vote = voteBy(evaluation, OBSERVATION);
        assertThat(vote.vote().kind()).isEqualTo(VoteKind.ENGINE);
        assertThat(vote.firingSeq()).isNull();
        assertThat(vote.vote().message()).contains("2 of 3 days");
        assertThat(factsOf(evaluation, vote)).singleElement()
                .satisfies(f -> assertThat(f.type()).isEqualTo("Stage"))
                .satisfies(f -> assertThat(((Stage) f.value()).daysObserved()).isEqualTo(2));
    }

    @Test
    @DisplayName("stage 2 healthy with 6 of 7 days -> HOLD; 7 of 7 -> ADVANCE; 8 days (longer window) -> ADVANCE")
    void observationBoundaryStage2() {
        Evaluation sixDays = decide(stage2().daysObserved(6));
        assertThat(sixDays.decision()).isEqualTo(HOLD);
        assertThat(reasons(sixDays)).containsExactly(engineHold(OBSERVATION, "OBSERVATION_INCOMPLETE"));

        assertThat(decide(stage2().daysObserved(7)).decision()).isEqualTo(ADVANCE);
        assertThat(decide(stage2().daysObserved(8)).decision()).isEqualTo(ADVANCE);
    }

    @Test
    @DisplayName("a crash on day 2 of 3 -> ROLLBACK at once: a rollback does not wait for the observation period")
    void rollbackDoesNotWaitForTheWindow() {
        Evaluation evaluation = decide(stage1().daysObserved(2).crashes(1));

        assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
        assertThat(reasons(evaluation)).containsExactly(rollback("Any stage: crash", "CRASH"));
        assertThat(allVotes(evaluation)).contains(engineHold(OBSERVATION, "OBSERVATION_INCOMPLETE"));
    }

    @Test
    @DisplayName("stage 1 healthy but zscore coverage insufficient -> HOLD with code 'INSUFFICIENT_DATA: zscore'")
    void insufficientCoverageHolds() {
        Evaluation evaluation = decide(stage1().insufficientData("zscore"));

        assertThat(evaluation.decision()).isEqualTo(HOLD);
        assertThat(reasons(evaluation)).containsExactly(engineHold(COVERAGE, "INSUFFICIENT_DATA: zscore"));
        CastVote vote = voteBy(evaluation, COVERAGE);
        assertThat(vote.vote().metric()).isEqualTo("zscore");
        assertThat(factsOf(evaluation, vote)).singleElement()
                .satisfies(f -> assertThat(f.type()).isEqualTo("Coverage"))
                .satisfies(f -> assertThat(((Coverage) f.value()).metric()).isEqualTo("zscore"))
                .satisfies(f -> assertThat(((Coverage) f.value()).sufficient()).isFalse());
    }

    @Test
    @DisplayName("two metrics without enough data -> one INSUFFICIENT_DATA reason each")
    void eachInsufficientMetricIsAReason() {
        Evaluation evaluation = decide(stage2().insufficientData("cpu_ratio").insufficientData("memory_bytes"));

        assertThat(evaluation.decision()).isEqualTo(HOLD);
        assertThat(reasons(evaluation)).containsExactlyInAnyOrder(
                engineHold(COVERAGE, "INSUFFICIENT_DATA: cpu_ratio"),
                engineHold(COVERAGE, "INSUFFICIENT_DATA: memory_bytes"));
    }

    @Test
    @DisplayName("every Coverage sufficient (healthy) -> no INSUFFICIENT_DATA vote")
    void sufficientCoverageCastsNoVote() {
        Scenario healthy = stage3();
        assertThat(healthy.facts().coverage()).isNotEmpty().allSatisfy(c -> assertThat(c.sufficient()).isTrue());

        Evaluation evaluation = decide(healthy);

        assertThat(votesBy(evaluation, COVERAGE)).isEmpty();
        assertThat(evaluation.decision()).isEqualTo(ADVANCE);
    }

    @Test
    @DisplayName("no metric facts reach the rules, so no advance condition is judged -> HOLD NO_ADVANCE_CONDITIONS")
    void noGateVotesHolds() {
        Evaluation evaluation = decide(stage1().withoutMetricFacts());

        assertThat(evaluation.decision()).isEqualTo(HOLD);
        assertThat(reasons(evaluation)).containsExactly(engineHold(CONDITIONS, "NO_ADVANCE_CONDITIONS"));
        assertThat(evaluation.votes()).noneMatch(v -> v.vote().kind() == VoteKind.GATE);
        assertThat(factsOf(evaluation, voteBy(evaluation, CONDITIONS))).extracting(FactRecord::type)
                .containsExactly("Stage");
    }
}
