package io.graygate.release;

import io.graygate.attest.AttestationStore;
import io.graygate.facts.StageDecision;
import io.graygate.problem.Problem;
import io.graygate.problem.ProblemStore;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

/** The shipped sources of entry facts: statements, the previous stage's rulings, its open problems. */
public final class EntryFacts {
    private EntryFacts() {
    }

    public static List<EntryFactSource> shipped(Jdbi jdbi) {
        return List.of(statements(new AttestationStore(jdbi)), decisions(new ReleaseStore(jdbi)),
                openProblems(new ProblemStore(jdbi)));
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
}
