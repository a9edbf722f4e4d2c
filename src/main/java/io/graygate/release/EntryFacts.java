package io.graygate.release;

import io.graygate.release.statements.AttestationStore;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.facts.LastRollback;
import io.graygate.release.problems.Problem;
import io.graygate.release.problems.ProblemStore;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The shipped sources of entry facts: statements, the previous stage's rulings, its open problems, and the
 * latest rollback with its cool-down.
 */
public final class EntryFacts {
    private EntryFacts() {
    }

    /** @param clock when a start is asked for, what the cool-down after a rollback is measured against */
    public static List<EntryFactSource> shipped(Jdbi jdbi, ReleaseConfig release, Clock clock) {
        ReleaseStore releases = new ReleaseStore(jdbi);
        return List.of(statements(new AttestationStore(jdbi)), decisions(releases),
                openProblems(new ProblemStore(jdbi)), lastRollback(releases, release, clock));
    }

    /** The statement in force for each check of the stage to start. */
    public static EntryFactSource statements(AttestationStore store) {
        return (entry, state) -> store.current(entry.release(), entry.stage());
    }

    /** The decision meeting's rulings on the previous stage's evaluations made since the release entered it. */
    public static EntryFactSource decisions(ReleaseStore store) {
        return (entry, state) -> entry.previousStage().isEmpty() || state.since() == null ? List.of()
                : store.decisionsSince(entry.release(), entry.previousStage(), state.since()).stream()
                        .map(Decision::asFact).toList();
    }

    /** The previous stage's problems nobody has resolved. */
    public static EntryFactSource openProblems(ProblemStore store) {
        return (entry, state) -> entry.previousStage().isEmpty() ? List.of()
                : store.list(entry.release(), true).stream().filter(p -> p.stage().equals(entry.previousStage()))
                        .map(Problem::asFact).toList();
    }

    /**
     * The latest real rollback of a running stage, with that stage's {@code gate.cool_down} and the time of the
     * request. The stage rolled back is the one started last before the rollback; a rollback at baseline (or
     * right after another rollback) and a drill set no cool-down, and a stage no longer in the configuration
     * none either.
     */
    public static EntryFactSource lastRollback(ReleaseStore store, ReleaseConfig release, Clock clock) {
        return (entry, state) -> {
            String running = null;
            ReleaseEvent rollback = null;
            String rolledBack = null;
            for (ReleaseEvent event : store.events(entry.release())) {
                if (event.drill()) {
                    continue;
                }
                switch (event.kind()) {
                    case STAGE_STARTED, COMPLETED -> running = event.stage();
                    case ROLLED_BACK -> {
                        rollback = running == null ? null : event;
                        rolledBack = running;
                        running = null;
                    }
                }
            }
            return rollback == null ? List.of() : List.of(new LastRollback(entry.release(), rolledBack, rollback.at(),
                    rollback.actor(), rollback.reason(), coolDownOf(release, rolledBack), clock.instant()));
        };
    }

    private static Duration coolDownOf(ReleaseConfig release, String stage) {
        return release.stage(stage).map(s -> s.gate().coolDown()).orElse(Duration.ZERO);
    }
}
