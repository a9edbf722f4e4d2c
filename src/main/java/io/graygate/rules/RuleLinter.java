package io.graygate.rules;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks rule files beyond what the compiler checks: imports name only allowed types; every rule carries the
 * metadata graygate reports with and a name no other rule has; and a pattern whose constraints exclude each
 * other is flagged because such a rule silently never fires. What rule code may reach is not judged from the
 * text here but from what actually runs, by {@link SourceVerifier} and {@link BytecodeVerifier}. A file that
 * does not parse is left to the compiler, which reports its syntax errors.
 */
public final class RuleLinter {
    static final Set<String> KINDS = Set.of("gate", "rollback", "alert", "hysteresis", "derive", "entry");
    static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    static final Set<String> TRIGGERS = Set.of("hard", "soft");

    /** Packages a rule file may import with a wildcard: the fact model and plain Java values. */
    private static final Set<String> WILDCARD_IMPORTS = Set.of("io.graygate.facts", "java.lang", "java.util",
            "java.util.function", "java.util.stream", "java.time", "java.time.format", "java.time.temporal");

    private RuleLinter() {
    }

    /** Every problem the lint finds in the files, in file order; rule names are checked across files. */
    public static List<RuleProblem> lint(List<RuleFile> files) {
        Map<RuleFile, PackageDescr> parsed = new LinkedHashMap<>();
        for (RuleFile file : files) {
            PackageDescr pkg = parse(file);
            if (pkg != null) {
                parsed.put(file, pkg);
            }
        }
        return lint(parsed);
    }

    /** Every problem the lint finds in the parsed files (a file that did not parse is the compiler's to report). */
    static List<RuleProblem> lint(Map<RuleFile, PackageDescr> parsed) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, String> firstPlaceOfRule = new HashMap<>();
        for (Map.Entry<RuleFile, PackageDescr> entry : parsed.entrySet()) {
            RuleFile file = entry.getKey();
            PackageDescr pkg = entry.getValue();
            checkImports(file, pkg, problems);
            for (RuleDescr rule : pkg.getRules()) {
                if (!rule.isQuery()) {
                    checkMetadata(file, rule, problems);
                    checkUniqueName(file, rule, firstPlaceOfRule, problems);
                }
                checkContradictions(file, rule.getName(), rule.getLhs(), problems);
            }
        }
        return problems;
    }

    private static PackageDescr parse(RuleFile file) {
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        try {
            PackageDescr pkg = parser.parse(false, file.content());
            return parser.hasErrors() ? null : pkg;
        } catch (DroolsParserException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- imports

    /**
     * Imports name only types the verifier allows, so that a rule file says what it uses; an import alone runs
     * nothing (the verifier judges what the compiled code and the constraints actually use).
     */
    private static void checkImports(RuleFile file, PackageDescr pkg, List<RuleProblem> problems) {
        Allowlist allowlist = new Allowlist(Set.of());
        for (ImportDescr imp : pkg.getImports()) {
            String target = imp.getTarget().replace(" ", "");
            boolean allowed = target.endsWith(".*")
                    ? WILDCARD_IMPORTS.contains(target.substring(0, target.length() - 2))
                    : allowlist.allowsMember(target.replace('.', '/'), "toString");
            if (!allowed) {
                problems.add(new RuleProblem(file.path(), imp.getLine(), Math.max(imp.getColumn(), 0) + 1, "error",
                        "import " + target + " is not allowed; rules may import the fact model (io.graygate.facts and the "
                                + "types marked @RuleFact), and plain values of java.lang, java.util and java.time"));
            }
        }
    }

    // ---------------------------------------------------------------- metadata and names

    private static void checkMetadata(RuleFile file, RuleDescr rule, List<RuleProblem> problems) {
        String name = "rule \"" + rule.getName() + "\"";
        String kind = annotation(rule, "kind");
        if (kind == null) {
            problems.add(at(file, rule, "error", name + " has no @kind; give one of " + sorted(KINDS)));
        } else if (!KINDS.contains(kind)) {
            problems.add(at(file, rule, "error", name + " has @kind(" + kind + "); expected one of " + sorted(KINDS)));
        }
        String description = annotation(rule, "description");
        if (description == null || description.isBlank()) {
            problems.add(at(file, rule, "error", name + " has no @description saying in plain words what it checks"));
        }
        String severity = annotation(rule, "severity");
        if (severity != null && !SEVERITIES.contains(severity)) {
            problems.add(at(file, rule, "error", name + " has @severity(" + severity + "); expected one of "
                    + sorted(SEVERITIES)));
        }
        checkTrigger(file, rule, name, kind, problems);
    }

    /**
     * A rollback rule says whether it is a hard trigger (votes ROLLBACK at once) or a soft one (inserts a
     * SoftTrigger, which the gate hysteresis turns into HOLD or, at the stage's failure limit, ROLLBACK).
     * A soft trigger that votes ROLLBACK itself would bypass the failure limit, since votes are never withdrawn.
     */
    private static void checkTrigger(RuleFile file, RuleDescr rule, String name, String kind, List<RuleProblem> problems) {
        String trigger = annotation(rule, "trigger");
        if (!"rollback".equals(kind)) {
            if (trigger != null) {
                problems.add(at(file, rule, "error", name + " has @trigger but is @kind(" + kind
                        + "); only rollback rules are hard or soft triggers"));
            }
            return;
        }
        if (trigger == null || !TRIGGERS.contains(trigger)) {
            problems.add(at(file, rule, "error", name + (trigger == null ? " has no @trigger" : " has @trigger(" + trigger + ")")
                    + "; a rollback rule is @trigger(hard) (votes ROLLBACK at once) or @trigger(soft) (inserts a "
                    + "SoftTrigger; rolls back at the stage's gate.failure_limit)"));
            return;
        }
        String consequence = String.valueOf(rule.getConsequence());
        if (trigger.equals("soft") && consequence.contains("Vote.rollback(")) {
            problems.add(at(file, rule, "error", name + " is @trigger(soft) but votes Vote.rollback(...); insert "
                    + "SoftTrigger.of(...) so that rules/gate_hysteresis.drl applies the failure limit"));
        } else if (trigger.equals("hard") && consequence.contains("SoftTrigger")) {
            problems.add(at(file, rule, "error", name + " is @trigger(hard) but inserts a SoftTrigger; a hard trigger "
                    + "votes Vote.rollback(...)"));
        }
    }

    private static void checkUniqueName(RuleFile file, RuleDescr rule, Map<String, String> firstPlace,
                                        List<RuleProblem> problems) {
        String here = file.path() + ":" + rule.getLine();
        String first = firstPlace.putIfAbsent(rule.getName(), here);
        if (first != null) {
            problems.add(at(file, rule, "error", "rule name \"" + rule.getName() + "\" is used twice: at " + first
                    + " and here; votes and coverage are reported by rule name"));
        }
    }

    private static String annotation(RuleDescr rule, String name) {
        AnnotationDescr annotation = rule.getAnnotation(name);
        if (annotation == null) {
            return null;
        }
        Object value = annotation.getSingleValueStripped();
        return value == null ? "" : AnnotationDescr.unquote(value.toString()).strip();
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static RuleProblem at(RuleFile file, RuleDescr rule, String severity, String message) {
        return new RuleProblem(file.path(), rule.getLine(), Math.max(rule.getColumn(), 0) + 1, severity, message);
    }

    // ---------------------------------------------------------------- constraints that exclude each other

    private static void checkContradictions(RuleFile file, String rule, BaseDescr element, List<RuleProblem> problems) {
        if (element instanceof PatternDescr pattern) {
            checkPattern(file, rule, pattern, problems);
            if (pattern.getSource() instanceof CollectDescr collect) {
                checkContradictions(file, rule, collect.getInputPattern(), problems);
            } else if (pattern.getSource() instanceof AccumulateDescr accumulate) {
                checkContradictions(file, rule, accumulate.getInput(), problems);
            }
        } else if (element instanceof ConditionalElementDescr group) {
            group.getDescrs().forEach(child -> checkContradictions(file, rule, child, problems));
        }
    }

    private static void checkPattern(RuleFile file, String rule, PatternDescr pattern, List<RuleProblem> problems) {
        List<ContradictionCheck.Bound> bounds = new ArrayList<>();
        for (BaseDescr constraint : pattern.getDescrs()) {
            if (constraint instanceof ExprConstraintDescr expr) {
                bounds.addAll(ContradictionCheck.bounds(expr.getExpression(), expr.getLine(), expr.getColumn()));
            }
        }
        ContradictionCheck.firstConflict(bounds).ifPresent(conflict -> problems.add(new RuleProblem(file.path(),
                conflict.second().line(), Math.max(conflict.second().column(), 0) + 1, "warning",
                "in rule \"" + rule + "\" the " + pattern.getObjectType() + " constraints '" + conflict.first()
                        + "' and '" + conflict.second() + "' can never both hold, so the rule never fires")));
    }
}
