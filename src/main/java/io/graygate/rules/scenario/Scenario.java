package io.graygate.rules.scenario;

import io.graygate.platform.config.StageConfig;
import io.graygate.decision.InputFacts;
import io.graygate.decision.ObservationWindow;

import java.nio.file.Path;
import java.util.List;

/**
 * One scenario of a file: the stage, the facts the rules are given and what the analyst expects.
 *
 * @param entryFacts for an entry scenario (a stage asked to start, rules/entry.drl), the facts of the entry
 *                   check; null for a stage evaluation
 */
public record Scenario(Path file, String name, StageConfig stage, ObservationWindow window, InputFacts facts,
                       Expectation expect, List<Object> entryFacts) {

    public Scenario {
        entryFacts = entryFacts == null ? null : List.copyOf(entryFacts);
    }

    public boolean entry() {
        return entryFacts != null;
    }
}
