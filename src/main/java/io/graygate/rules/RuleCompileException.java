package io.graygate.rules;

import java.util.List;
import java.util.stream.Collectors;

/** The rule files do not compile; every problem is listed with its file, line and column. */
public class RuleCompileException extends RuntimeException {
    private final List<RuleProblem> problems;

    public RuleCompileException(List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
