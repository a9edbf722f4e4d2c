package io.graygate.release;

import org.junit.jupiter.api.Tag;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rollback: every symbol at baseline for a reader on other connections, the event audited and
 * append-only. The time is measured and printed as a benchmark figure, never asserted.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class RollbackTest {
    private static Database db;

    @BeforeAll
    static void setUp(Database database) {
        db = database;
    }

    @Test
    void aRollbackIsVisibleToAnotherReaderAndAudited() {
        ReleaseConfig release = Releases.fresh();
        ReleaseStore writer = new ReleaseStore(db.jdbi());
        Releases.stateReadiness(writer, release);
        Lifecycle lifecycle = Lifecycle.standard(release, writer, Releases.RULES);
        lifecycle.startStage("gray_10pct", "alice", "go");
        Lifecycle reader = Lifecycle.standard(release, new ReleaseStore(Jdbi.create(db.dataSource())), Releases.RULES);
        assertThat(reader.desiredState().symbols()).anyMatch(SymbolState::dynamicModeEnabled);

        long started = System.nanoTime();
        ReleaseEvent event = lifecycle.rollback("bob", "crash on ETHUSDT");
        DesiredState seen = reader.desiredState();
        long elapsed = System.nanoTime() - started;

        assertThat(seen.release().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(seen.symbols()).allSatisfy(s -> {
            assertThat(s.dynamicModeEnabled()).isFalse();
            assertThat(s.strategyMode()).isEqualTo("quiet");
        });
        assertThat(StateView.env(StateView.select(seen, "ETHUSDT")))
                .containsExactly("STRATEGY_MODE=quiet", "DYNAMIC_MODE_ENABLED=false");
        List<ReleaseEvent> audit = writer.events(release.name());
        assertThat(audit).last().satisfies(e -> {
            assertThat(e.id()).isEqualTo(event.id());
            assertThat(e.kind()).isEqualTo(EventKind.ROLLED_BACK);
            assertThat(e.actor()).isEqualTo("bob");
            assertThat(e.reason()).isEqualTo("crash on ETHUSDT");
        });
        System.out.printf("benchmark: rollback visible to a separate reader after %.2f ms%n", elapsed / 1e6);
    }

    @Test
    void theAuditOfARollbackCannotBeChanged() {
        ReleaseConfig release = Releases.fresh();
        Lifecycle.standard(release, new ReleaseStore(db.jdbi()), Releases.RULES).rollback("bob", "drill");

        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute(
                "UPDATE release_event SET actor = 'mallory' WHERE release = ?", release.name())))
                .hasMessageContaining("append-only");
    }

    @Test
    void theDrillRollsBackAScratchReleaseAndLeavesTheRealOneAlone() {
        ReleaseConfig release = Releases.fresh();
        ReleaseStore store = new ReleaseStore(db.jdbi());

        RollbackDrill.Result result = new RollbackDrill(release, store, new ReleaseStore(Jdbi.create(db.dataSource())))
                .run("drill-bot");

        assertThat(result.scratchRelease()).startsWith("drill-" + release.name());
        assertThat(result.seen().symbols()).noneMatch(SymbolState::dynamicModeEnabled);
        assertThat(store.events(result.scratchRelease())).extracting(ReleaseEvent::kind, ReleaseEvent::drill)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EventKind.STAGE_STARTED, true),
                        org.assertj.core.groups.Tuple.tuple(EventKind.ROLLED_BACK, true));
        assertThat(store.events(release.name())).isEmpty();
        System.out.printf("benchmark: rollback drill %.2f ms%n", result.untilVisible().toNanos() / 1e6);
    }
}
