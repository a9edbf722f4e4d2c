package io.graygate.rules.scenario;

import io.graygate.decision.Evaluation;
import io.graygate.decision.Firing;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A scenario run: the evaluation and, when it failed, each difference from the expectation. */
public record ScenarioResult(Scenario scenario, Evaluation evaluation, List<String> differences) {

    public ScenarioResult {
        differences = List.copyOf(differences);
    }

    public boolean passed() {
        return differences.isEmpty();
    }

    public Set<String> firedRules() {
        return new TreeSet<>(evaluation.firings().stream().map(Firing::rule).toList());
    }
}
