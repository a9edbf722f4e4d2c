package io.graygate.rules.scenario;

import io.graygate.facts.Verdict;

import java.util.List;

/**
 * What a scenario expects of the evaluation. Lists given as {@code reasons} / {@code fired} must match
 * exactly (in any order); {@code *_include} lists must all be present; {@code fired_exclude} must not fire.
 *
 * @param reasons reason codes of the votes that explain the decision (vote codes such as CRASH)
 */
public record Expectation(
        Verdict decision,
        List<String> reasons,
        boolean reasonsExact,
        List<String> fired,
        boolean firedExact,
        List<String> notFired) {

    public Expectation {
        reasons = List.copyOf(reasons);
        fired = List.copyOf(fired);
        notFired = List.copyOf(notFired);
    }
}
