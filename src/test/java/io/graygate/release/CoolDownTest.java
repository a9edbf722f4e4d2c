package io.graygate.release;

import org.junit.jupiter.api.Tag;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.facts.LastRollback;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No stage starts again inside the rolled-back stage's gate.cool_down (24h in the shipped configs). */
@ExtendWith(TestDatabase.class)
@Tag("db")
class CoolDownTest {
    private static Jdbi jdbi;
    private ReleaseConfig release;
    private ReleaseStore store;

    @BeforeAll
    static void setUp(Database db) {
        jdbi = db.jdbi();
    }

    @BeforeEach
    void freshRelease() {
        release = Releases.fresh();
        store = new ReleaseStore(jdbi);
        Releases.stateReadiness(store, release);
    }

    private Lifecycle at(Instant now) {
        return Lifecycle.standard(release, store, Releases.RULES, Clock.fixed(now, ZoneOffset.UTC));
    }

    private ReleaseEvent startAndRollBack() {
        Lifecycle lifecycle = Lifecycle.standard(release, store, Releases.RULES);
        lifecycle.startStage("gray_10pct", "alice", "go");
        return lifecycle.rollback("bob", "time-outs");
    }

    @Test
    void aRestartInsideTheCoolDownIsRefusedWithTheTimeLeft() {
        ReleaseEvent rollback = startAndRollBack();
        Lifecycle oneHourLater = at(rollback.at().plus(Duration.ofHours(1)));

        assertThatThrownBy(() -> oneHourLater.startStage("gray_10pct", "alice", "fixed"))
                .isInstanceOf(LifecycleException.class)
                .satisfies(e -> assertThat(((LifecycleException) e).reasons()).singleElement().asString()
                        .startsWith("cool-down: stage gray_10pct was rolled back at " + rollback.at() + " (time-outs)")
                        .contains("its gate.cool_down is 24h, 23h left (until " + rollback.at().plus(Duration.ofHours(24)) + ")"));
        assertThat(oneHourLater.state().phase()).isEqualTo(Phase.ROLLED_BACK);
    }

    @Test
    void aRestartAfterTheCoolDownIsAllowed() {
        ReleaseEvent rollback = startAndRollBack();

        ReleaseEvent restarted = at(rollback.at().plus(Duration.ofHours(24))).startStage("gray_10pct", "alice", "fixed");

        assertThat(restarted.kind()).isEqualTo(EventKind.STAGE_STARTED);
        assertThat(restarted.stageNumber()).isEqualTo(1);
    }

    @Test
    void theTimeLeftIsRoundedUpToTheMinute() {
        ReleaseEvent rollback = startAndRollBack();
        Lifecycle almost = at(rollback.at().plus(Duration.ofHours(24)).minusSeconds(30));

        assertThatThrownBy(() -> almost.startStage("gray_10pct", "alice", "fixed"))
                .satisfies(e -> assertThat(((LifecycleException) e).reasons()).singleElement().asString()
                        .contains(", 1m left"));
    }

    @Test
    void aRollbackAtBaselineSetsNoCoolDown() {
        ReleaseEvent rollback = Lifecycle.standard(release, store, Releases.RULES).rollback("bob", "precaution");

        ReleaseEvent started = at(rollback.at().plusSeconds(1)).startStage("gray_10pct", "alice", "go");

        assertThat(started.stageNumber()).isEqualTo(1);
    }

    @Test
    void durationsReadAsHoursAndMinutes() {
        assertThat(LastRollback.describe(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(LastRollback.describe(Duration.ofMinutes(90))).isEqualTo("1h 30m");
        assertThat(LastRollback.describe(Duration.ofSeconds(61))).isEqualTo("2m");
    }
}
