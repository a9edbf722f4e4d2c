package io.graygate.rules;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks rule files beyond what the compiler checks. DRL is code that runs inside graygate with its full
 * rights, and Java 17 has no sandbox, so a rule may only use the fact model and plain Java values; every
 * rule carries the metadata graygate reports with; and a pattern whose constraints exclude each other is
 * flagged because such a rule silently never fires. A file that does not parse is left to the compiler,
 * which reports its syntax errors.
 */
public final class RuleLinter {
    static final Set<String> KINDS = Set.of("gate", "rollback", "alert", "hysteresis", "derive", "entry");
    static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    static final Set<String> TRIGGERS = Set.of("hard", "soft");

    /** Packages a rule file may import from; their sub-packages only where listed. */
    private static final List<Pattern> ALLOWED_IMPORTS = List.of(
            Pattern.compile("io\\.graygate\\.facts\\.(\\*|[A-Z]\\w*(\\.\\w+)?)"),
            // the mode switch's own facts, named one by one: the rest of that package writes files and databases
            Pattern.compile("io\\.graygate\\.modeswitch\\.(ActivityRun|Band|HysteresisParams|Mode|ModeState|ModeSwitch)"),
            Pattern.compile("java\\.lang\\.(\\*|[A-Z]\\w*)"),
            Pattern.compile("java\\.util\\.(\\*|[A-Z]\\w*|function\\.(\\*|[A-Z]\\w*)|stream\\.(\\*|[A-Z]\\w*))"),
            Pattern.compile("java\\.time\\.(\\*|[A-Z]\\w*|format\\.(\\*|[A-Z]\\w*)|temporal\\.(\\*|[A-Z]\\w*))"));

    /** Code that reaches outside the fact model: processes, threads, reflection, files, network, databases. */
    private static final List<Forbidden> FORBIDDEN = List.of(
            new Forbidden("\\bSystem\\b", "System (process, environment and exit access)"),
            new Forbidden("\\bRuntime\\b", "Runtime (process execution and exit)"),
            new Forbidden("\\bProcessBuilder\\b", "ProcessBuilder (process execution)"),
            new Forbidden("\\bThread\\b", "Thread"),
            new Forbidden("\\bClassLoader\\b", "ClassLoader"),
            new Forbidden("\\bforName\\s*\\(", "Class.forName (reflection)"),
            new Forbidden("\\bgetDeclared\\w*\\s*\\(", "reflection"),
            new Forbidden("\\b(getMethod|getField|getConstructor|setAccessible)\\s*\\(", "reflection"),
            new Forbidden("\\bjava\\s*\\.\\s*lang\\s*\\.\\s*(reflect|invoke)\\b", "reflection"),
            new Forbidden("\\bjava\\s*\\.\\s*(io|nio|net|sql)\\b", "java.io / java.nio / java.net / java.sql"),
            new Forbidden("\\bjavax\\s*\\.\\s*(sql|naming|script)\\b", "javax.sql / javax.naming / javax.script"),
            new Forbidden("\\bDriverManager\\b", "JDBC"),
            new Forbidden("\\b(exit|halt)\\s*\\(", "exit"));

    private record Forbidden(Pattern pattern, String what) {
        Forbidden(String regex, String what) {
            this(Pattern.compile(regex), what);
        }
    }

    /** A rule, function or query and the characters of the file it spans, to name it in a message. */
    private record Unit(String description, int start, int end) {
    }

    private RuleLinter() {
    }

    /** Every problem the lint finds in the files, in file order; rule names are checked across files. */
    public static List<RuleProblem> lint(List<RuleFile> files) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, String> firstPlaceOfRule = new HashMap<>();
        for (RuleFile file : files) {
            PackageDescr pkg = parse(file);
            if (pkg == null) {
                continue;
            }
            DrlSource source = new DrlSource(file.content());
            checkImports(file, pkg, problems);
            checkForbiddenCode(file, pkg, source, problems);
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

    private static void checkImports(RuleFile file, PackageDescr pkg, List<RuleProblem> problems) {
        List<ImportDescr> imports = new ArrayList<>(pkg.getImports());
        imports.addAll(pkg.getFunctionImports());
        for (ImportDescr imp : imports) {
            String target = imp.getTarget().replace(" ", "");
            if (ALLOWED_IMPORTS.stream().noneMatch(p -> p.matcher(target).matches())) {
                problems.add(new RuleProblem(file.path(), imp.getLine(), Math.max(imp.getColumn(), 0) + 1, "error",
                        "import " + target + " is not allowed; rules may import only io.graygate.facts.*, the mode-switch "
                                + "facts (io.graygate.modeswitch.ActivityRun, Band, HysteresisParams, Mode, ModeState, "
                                + "ModeSwitch), "
                                + "java.lang, java.util and java.time"));
            }
        }
    }

    // ---------------------------------------------------------------- forbidden code

    private static void checkForbiddenCode(RuleFile file, PackageDescr pkg, DrlSource source, List<RuleProblem> problems) {
        List<Unit> units = units(pkg);
        for (Forbidden forbidden : FORBIDDEN) {
            Matcher m = forbidden.pattern().matcher(source.code());
            while (m.find()) {
                int line = source.line(m.start());
                if (isImportLine(source, line)) {
                    continue;
                }
                String where = units.stream().filter(u -> u.start() <= m.start() && m.start() <= u.end())
                        .map(u -> " in " + u.description()).findFirst().orElse("");
                problems.add(new RuleProblem(file.path(), line, source.column(m.start()), "error",
                        "'" + m.group().strip() + "'" + where + " is not allowed: " + forbidden.what()
                                + " reaches outside the fact model, and rule code runs with graygate's full rights"));
            }
        }
    }

    /** Imports are judged by {@link #checkImports}; reporting their text again would say the same twice. */
    private static boolean isImportLine(DrlSource source, int line) {
        String text = source.code().lines().skip(line - 1L).findFirst().orElse("").strip();
        return text.startsWith("import ");
    }

    private static List<Unit> units(PackageDescr pkg) {
        List<Unit> units = new ArrayList<>();
        for (RuleDescr rule : pkg.getRules()) {
            units.add(new Unit((rule.isQuery() ? "query" : "rule") + " \"" + rule.getName() + "\"",
                    rule.getStartCharacter(), rule.getEndCharacter()));
        }
        for (FunctionDescr function : pkg.getFunctions()) {
            units.add(new Unit("function " + function.getName(), function.getStartCharacter(), function.getEndCharacter()));
        }
        return units;
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
