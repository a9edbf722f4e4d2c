package io.graygate.release;

import io.graygate.config.ReleaseConfig;
import io.graygate.facts.Verdict;
import io.graygate.store.Database;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stage start, the decision meeting and rollback against the shipped three-stage release. */
@ExtendWith(TestDatabase.class)
class LifecycleTest {
    private static Jdbi jdbi;
    private ReleaseConfig release;
    private ReleaseStore store;
    private Lifecycle lifecycle;

    @BeforeAll
    static void setUp(Database db) {
        jdbi = db.jdbi();
    }

    @BeforeEach
    void freshRelease() {
        release = Releases.fresh();
        store = new ReleaseStore(jdbi);
        lifecycle = Lifecycle.standard(release, store);
    }

    @Test
    void aNewReleaseIsAtBaselineWithEverySymbolQuiet() {
        DesiredState state = lifecycle.desiredState();

        assertThat(state.release().phase()).isEqualTo(Phase.BASELINE);
        assertThat(state.symbols()).hasSize(release.universe().size())
                .allSatisfy(s -> {
                    assertThat(s.dynamicModeEnabled()).isFalse();
                    assertThat(s.strategyMode()).isEqualTo("quiet");
                });
    }

    @Test
    void stageOneIsRefusedListingEveryMissingPrerequisite() {
        store.recordPrerequisite(release.name(), "grafana_dashboard", "bob", "dashboard link");

        assertThatThrownBy(() -> lifecycle.startStage("gray_10pct", "alice", "go"))
                .isInstanceOf(LifecycleException.class)
                .satisfies(e -> assertThat(((LifecycleException) e).reasons()).containsExactly(
                        "prerequisite not satisfied: real_env_test_24h (24-hour real-environment test passed)",
                        "prerequisite not satisfied: e2e_integration_test (end-to-end integration test passed)",
                        "prerequisite not satisfied: alert_channel (alert channel working)"));
        assertThat(lifecycle.state().phase()).isEqualTo(Phase.BASELINE);
    }

    @Test
    void stageOneStartsWithAllPrerequisitesAndOnlyEthusdtGoesDynamic() {
        Releases.satisfyPrerequisites(store, release);

        ReleaseEvent started = lifecycle.startStage("gray_10pct", "alice", "prerequisites done");

        assertThat(started.actor()).isEqualTo("alice");
        DesiredState state = lifecycle.desiredState();
        assertThat(state.release().phase()).isEqualTo(Phase.STAGE_RUNNING);
        assertThat(state.symbols()).filteredOn(SymbolState::dynamicModeEnabled).singleElement()
                .satisfies(s -> {
                    assertThat(s.symbol()).isEqualTo("ETHUSDT");
                    assertThat(s.hysteresis().minActiveWindows()).isEqualTo(5);
                    assertThat(s.hysteresis().minQuietWindows()).isEqualTo(10);
                    assertThat(s.activeMode()).containsEntry("profile", "conservative");
                });
    }

    @Test
    void stageTwoIsRefusedUntilTheMeetingApprovesStageOnesAdvance() {
        Releases.satisfyPrerequisites(store, release);
        lifecycle.startStage("gray_10pct", "alice", "go");

        assertThatThrownBy(() -> lifecycle.startStage("gray_50pct", "alice", "too early"))
                .isInstanceOf(LifecycleException.class)
                .hasMessageContaining("no approved ADVANCE decision for stage 1 (gray_10pct)");

        long evaluation = Releases.evaluation(jdbi, release, 1, Verdict.ADVANCE);
        assertThat(lifecycle.state().phase()).isEqualTo(Phase.AWAITING_DECISION);
        assertThat(lifecycle.state().awaitingEvaluationId()).isEqualTo(evaluation);
        lifecycle.decide(evaluation, true, "carol", "all advance conditions met");
        lifecycle.startStage("gray_50pct", "alice", "approved");

        DesiredState state = lifecycle.desiredState();
        assertThat(state.release().stageNumber()).isEqualTo(2);
        assertThat(state.symbols()).filteredOn(SymbolState::dynamicModeEnabled).extracting(SymbolState::symbol)
                .containsExactlyInAnyOrder("BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT");
    }

    @Test
    void aRejectedAdvanceIsKeptAsAnOverrideAndDoesNotOpenTheNextStage() {
        Releases.satisfyPrerequisites(store, release);
        lifecycle.startStage("gray_10pct", "alice", "go");
        long evaluation = Releases.evaluation(jdbi, release, 1, Verdict.ADVANCE);

        Decision decision = lifecycle.decide(evaluation, false, "carol", "user complaints not yet analysed");

        assertThat(decision.recommendation()).isEqualTo(Verdict.ADVANCE);
        assertThat(decision.outcome()).isEqualTo(Verdict.HOLD);
        assertThat(decision.override()).isTrue();
        assertThat(store.decisions(release.name())).containsExactly(decision);
        assertThatThrownBy(() -> lifecycle.startStage("gray_50pct", "alice", "anyway"))
                .isInstanceOf(LifecycleException.class);
        assertThatThrownBy(() -> lifecycle.decide(evaluation, true, "dave", "second opinion"))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("already decided by carol");
    }

    @Test
    void anApprovedRollbackRecommendationRollsBack() {
        Releases.satisfyPrerequisites(store, release);
        lifecycle.startStage("gray_10pct", "alice", "go");
        long evaluation = Releases.evaluation(jdbi, release, 1, Verdict.ROLLBACK);

        lifecycle.decide(evaluation, true, "carol", "crash on day 2");

        assertThat(lifecycle.state().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(lifecycle.desiredState().symbols()).noneMatch(SymbolState::dynamicModeEnabled);
    }

    @Test
    void approvingTheLastStagesAdvanceCompletesTheRelease() {
        Releases.satisfyPrerequisites(store, release);
        lifecycle.startStage("gray_10pct", "alice", "go");
        lifecycle.decide(Releases.evaluation(jdbi, release, 1, Verdict.ADVANCE), true, "carol", "ok");
        lifecycle.startStage("gray_50pct", "alice", "go");
        lifecycle.decide(Releases.evaluation(jdbi, release, 2, Verdict.ADVANCE), true, "carol", "ok");
        lifecycle.startStage("full", "alice", "go");

        lifecycle.decide(Releases.evaluation(jdbi, release, 3, Verdict.ADVANCE), true, "team", "accepted as default");

        assertThat(lifecycle.state().phase()).isEqualTo(Phase.COMPLETE);
        assertThat(lifecycle.desiredState().symbols()).allMatch(SymbolState::dynamicModeEnabled)
                .allMatch(SymbolState::throttleInQuiet);
    }

    @Test
    void afterARollbackOnlyStageOneCanStartAgain() {
        Releases.satisfyPrerequisites(store, release);
        lifecycle.startStage("gray_10pct", "alice", "go");
        lifecycle.rollback("bob", "unexplained anomaly");

        assertThatThrownBy(() -> lifecycle.startStage("gray_50pct", "alice", "skip"))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("is not the running stage");
        Lifecycle afterCoolDown = Lifecycle.standard(release, store,
                java.time.Clock.offset(java.time.Clock.systemUTC(), release.stages().get(0).gate().coolDown()));
        assertThat(afterCoolDown.startStage("gray_10pct", "alice", "fixed").stageNumber()).isEqualTo(1);
    }

    @Test
    void aDecisionOnAnotherReleasesEvaluationIsRefused() {
        ReleaseConfig other = Releases.fresh();
        long evaluation = Releases.evaluation(jdbi, other, 1, Verdict.ADVANCE);

        assertThatThrownBy(() -> lifecycle.decide(evaluation, true, "carol", "wrong release"))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("belongs to release " + other.name());
    }
}
