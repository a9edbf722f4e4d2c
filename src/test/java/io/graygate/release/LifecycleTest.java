package io.graygate.release;

import org.junit.jupiter.api.Tag;
import io.graygate.release.statements.AttestationStore;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.facts.Severity;
import io.graygate.release.problems.NewProblem;
import io.graygate.release.problems.Problem;
import io.graygate.release.problems.ProblemStore;
import io.graygate.facts.Verdict;
import io.graygate.platform.Database;
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
@Tag("db")
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
        lifecycle = Lifecycle.standard(release, store, Releases.RULES);
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
    void stageOneIsRefusedListingEveryStatementThatIsNotYesAndWhoSaidNo() {
        AttestationStore statements = new AttestationStore(jdbi);
        for (String check : Releases.STAGE_ONE_STATEMENTS) {
            statements.record(release.name(), "gray_10pct", check, true, "bob", "done");
        }
        statements.record(release.name(), "gray_10pct", "alert_channel", false, "erin", "pager test bounced");
        new AttestationStore(jdbi).record(release.name(), "gray_50pct", "team_trained", true, "bob", "wrong stage");
        // a statement is in force per check: a later yes replaces an earlier no and the other way round
        statements.record(release.name(), "gray_10pct", "grafana_dashboard", false, "bob", "panel missing");
        statements.record(release.name(), "gray_10pct", "grafana_dashboard", true, "bob", "panel added");
        statements.record(release.name(), "gray_10pct", "team_trained", false, "carol", "two on-call people missed it");

        assertThatThrownBy(() -> lifecycle.startStage("gray_10pct", "alice", "go"))
                .isInstanceOf(LifecycleException.class)
                .satisfies(e -> assertThat(((LifecycleException) e).reasons()).containsExactlyInAnyOrder(
                        "not stated yes: alert_channel (alert channel working): stated no by erin at "
                                + latest(statements, "alert_channel") + ": pager test bounced",
                        "not stated yes: team_trained (team trained on the SOP and rollback): stated no by carol at "
                                + latest(statements, "team_trained") + ": two on-call people missed it"));
        assertThat(lifecycle.state().phase()).isEqualTo(Phase.BASELINE);
    }

    @Test
    void stageOneWithoutAnyStatementNamesEachMissingOneAndTheCommandThatStatesIt() {
        assertThatThrownBy(() -> lifecycle.startStage("gray_10pct", "alice", "go"))
                .isInstanceOf(LifecycleException.class)
                .satisfies(e -> assertThat(((LifecycleException) e).reasons()).hasSize(6).contains(
                        "not stated yes: real_env_test_24h (24-hour real-environment test passed): nobody has stated it; "
                                + "graygate attest --stage gray_10pct --check real_env_test_24h --value yes --by NAME",
                        "not stated yes: rollback_drilled (rollback drill done within one minute): nobody has stated it; "
                                + "graygate attest --stage gray_10pct --check rollback_drilled --value yes --by NAME"));
    }

    @Test
    void stageTwoIsRefusedWhileAProblemOfStageOneIsOpenAndStartsOnceItIsResolved() {
        Releases.stateReadiness(store, release);
        lifecycle.startStage("gray_10pct", "alice", "go");
        lifecycle.decide(Releases.evaluation(jdbi, release, 1, Verdict.ADVANCE), true, "carol", "ok");
        ProblemStore problems = new ProblemStore(jdbi);
        Problem open = problems.add(new NewProblem(release.name(), "gray_10pct", "ETHUSDT", "", Severity.WARNING,
                "switch log gaps at 03:00", java.time.LocalDate.now(), "dave"));
        problems.add(new NewProblem(release.name(), "gray_50pct", "", "", Severity.CRITICAL,
                "a later stage's problem does not block entry to it", java.time.LocalDate.now(), "dave"));

        assertThatThrownBy(() -> lifecycle.startStage("gray_50pct", "alice", "go"))
                .isInstanceOf(LifecycleException.class)
                .satisfies(e -> assertThat(((LifecycleException) e).reasons()).containsExactly(
                        "WARNING problem #" + open.id() + " of stage gray_10pct on ETHUSDT is not fixed (switch log gaps at "
                                + "03:00); graygate problem resolve " + open.id() + " --solution TEXT --by NAME"));

        problems.resolve(open.id(), "log shipper restarted", "dave");
        assertThat(lifecycle.startStage("gray_50pct", "alice", "go").stageNumber()).isEqualTo(2);
    }

    @Test
    void aRejectedAdvanceIsNamedInTheRefusal() {
        Releases.stateReadiness(store, release);
        lifecycle.startStage("gray_10pct", "alice", "go");
        long evaluation = Releases.evaluation(jdbi, release, 1, Verdict.ADVANCE);
        lifecycle.decide(evaluation, false, "carol", "feedback pending");

        assertThatThrownBy(() -> lifecycle.startStage("gray_50pct", "alice", "go"))
                .isInstanceOf(LifecycleException.class)
                .satisfies(e -> assertThat(((LifecycleException) e).reasons()).singleElement().asString()
                        .startsWith("no approved ADVANCE decision for stage 1 (gray_10pct) since it started; latest decision: "
                                + "rejected (override) ADVANCE of evaluation #" + evaluation + " by carol at ")
                        .endsWith(": feedback pending (graygate decide ID --approve)"));
    }

    @Test
    void aMissingEntryRuleFileRefusesInsteadOfOpeningTheStage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Files.copy(Releases.RULES.resolve("gates.drl"), dir.resolve("gates.drl"));
        Releases.stateReadiness(store, release);

        assertThatThrownBy(() -> Lifecycle.standard(release, store, dir).startStage("gray_10pct", "alice", "go"))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("no entry.drl in " + dir);
        assertThat(lifecycle.state().phase()).isEqualTo(Phase.BASELINE);
    }

    private java.time.Instant latest(AttestationStore statements, String check) {
        return statements.current(release.name(), "gray_10pct").stream().filter(a -> a.check().equals(check))
                .findFirst().orElseThrow().at();
    }

    @Test
    void stageOneStartsWithAllPrerequisitesAndOnlyEthusdtGoesDynamic() {
        Releases.stateReadiness(store, release);

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
        Releases.stateReadiness(store, release);
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
        Releases.stateReadiness(store, release);
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
        Releases.stateReadiness(store, release);
        lifecycle.startStage("gray_10pct", "alice", "go");
        long evaluation = Releases.evaluation(jdbi, release, 1, Verdict.ROLLBACK);

        lifecycle.decide(evaluation, true, "carol", "crash on day 2");

        assertThat(lifecycle.state().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(lifecycle.desiredState().symbols()).noneMatch(SymbolState::dynamicModeEnabled);
    }

    @Test
    void approvingTheLastStagesAdvanceCompletesTheRelease() {
        Releases.stateReadiness(store, release);
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
        Releases.stateReadiness(store, release);
        lifecycle.startStage("gray_10pct", "alice", "go");
        lifecycle.rollback("bob", "unexplained anomaly");

        assertThatThrownBy(() -> lifecycle.startStage("gray_50pct", "alice", "skip"))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("is not the running stage");
        Lifecycle afterCoolDown = Lifecycle.standard(release, store, Releases.RULES,
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
