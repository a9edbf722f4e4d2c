package io.graygate.rules;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drools reports a Java error in a consequence at the rule's first line, column 0. This moves it to the best
 * place in the consequence: where the name the compiler complains about is used, or else the consequence's
 * first statement.
 */
final class ConsequencePlace {
    private static final String JAVA_ERROR = "Rule Compilation error";
    private static final List<Pattern> NAMES = List.of(
            Pattern.compile("The (?:method|constructor) (\\w+)\\("),
            Pattern.compile("(\\w+) cannot be resolved"),
            Pattern.compile("The field \\S*?(\\w+) is not visible"));
    private static final Pattern THEN = Pattern.compile("\\bthen\\b");
    private static final Pattern END = Pattern.compile("\\bend\\b");

    private ConsequencePlace() {
    }

    static RuleProblem refine(RuleProblem problem, List<RuleFile> files) {
        if (!problem.message().startsWith(JAVA_ERROR) || problem.line() < 1) {
            return problem;
        }
        return files.stream().filter(f -> f.path().equals(problem.file())).findFirst()
                .map(file -> refine(problem, new DrlSource(file.content()))).orElse(problem);
    }

    private static RuleProblem refine(RuleProblem problem, DrlSource source) {
        String code = source.code();
        Matcher then = THEN.matcher(code);
        if (!then.find(source.offset(problem.line()))) {
            return problem;
        }
        Matcher end = END.matcher(code);
        int stop = end.find(then.end()) ? end.start() : code.length();
        int place = named(problem.message(), code, then.end(), stop);
        if (place < 0) {
            place = firstStatement(code, then.end(), stop);
        }
        return place < 0 ? problem : new RuleProblem(problem.file(), source.line(place), source.column(place),
                problem.severity(), problem.message());
    }

    private static int named(String message, String code, int from, int to) {
        for (Pattern pattern : NAMES) {
            Matcher m = pattern.matcher(message);
            if (m.find()) {
                Matcher use = Pattern.compile("\\b" + Pattern.quote(m.group(1)) + "\\b").matcher(code).region(from, to);
                if (use.find()) {
                    return use.start();
                }
            }
        }
        return -1;
    }

    private static int firstStatement(String code, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(code.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
