package io.graygate.rules;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What {@code graygate rules check} reports: every compiler and lint problem, in file and line order,
 * and the compiled rule set when nothing is an error.
 */
public record RuleCheck(List<RuleProblem> problems, Optional<RuleSet> ruleSet) {
    static final Comparator<RuleProblem> ORDER = Comparator.comparing(RuleProblem::file)
            .thenComparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column);

    public RuleCheck {
        problems = problems.stream().sorted(ORDER).toList();
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(RuleProblem::isError);
    }

    public boolean hasWarnings() {
        return problems.stream().anyMatch(p -> !p.isError());
    }
}
