package io.graygate.rules;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AccumulateImportDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.NamedConsequenceDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks made on the parsed rule files before anything is compiled: what the compiled bytes cannot show.
 * Pattern constraints and {@code from} sources run through MVEL, which resolves names by reflection at run time,
 * so their words are held to the {@link ExpressionVocabulary}; the MVEL dialect, globals, function and
 * accumulate imports, rule attributes with expressions and unicode escapes are refused; metric and stage names
 * are held to the {@link RuleCatalogue}.
 */
final class SourceVerifier {
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u+[0-9a-fA-F]{4}");
    /** Attributes whose value is a constant; the others (enabled, timer, calendars, duration...) are expressions. */
    private static final Set<String> ATTRIBUTES = Set.of("salience", "no-loop", "lock-on-active", "agenda-group",
            "activation-group", "auto-focus", "ruleflow-group", "dialect");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");
    /** MVEL's and Drools' operator words, which are neither names nor calls. */
    private static final Set<String> OPERATOR_WORDS = Set.of("this", "null", "true", "false", "in", "not", "contains",
            "excludes", "matches", "memberOf", "soundslike", "instanceof", "str", "after", "before", "coincides", "during",
            "finishes", "finishedby", "includes", "meets", "metby", "overlaps", "overlappedby", "starts", "startedby");
    private static final Pattern METRIC = Pattern.compile("\\bmetric\\s*==\\s*\"([^\"]*)\"|\"([^\"]*)\"\\s*==\\s*metric\\b");
    private static final Pattern STAGE_NUMBER = Pattern.compile("\\bnumber\\s*==\\s*(\\d+)");
    private static final Pattern STAGE_NAME = Pattern.compile("\\bname\\s*==\\s*\"([^\"]*)\"");
    private static final Pattern BINDING = Pattern.compile("(\\$?[A-Za-z_][A-Za-z0-9_]*)\\s*:(?!=)");

    private final RuleCatalogue catalogue;
    private final List<RuleProblem> problems = new ArrayList<>();
    private ExpressionVocabulary vocabulary;
    private Set<String> functions;
    private Set<String> bindings;
    private RuleFile file;

    private SourceVerifier(RuleCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Every problem of the parsed files; a file whose parse failed is left to the compiler. */
    static List<RuleProblem> verify(Map<RuleFile, PackageDescr> parsed, RuleCatalogue catalogue) {
        SourceVerifier verifier = new SourceVerifier(catalogue);
        verifier.run(parsed);
        return verifier.problems;
    }

    private void run(Map<RuleFile, PackageDescr> parsed) {
        Set<String> imported = new HashSet<>();
        functions = new HashSet<>();
        parsed.values().forEach(pkg -> {
            pkg.getImports().forEach(i -> imported.add(i.getTarget().strip()));
            pkg.getFunctions().forEach(f -> functions.add(f.getName()));
        });
        vocabulary = ExpressionVocabulary.forImports(imported).copy();
        parsed.values().forEach(pkg -> pkg.getTypeDeclarations().forEach(
                t -> vocabulary.addDeclared(t.getTypeName(), t.getFields().keySet())));
        for (Map.Entry<RuleFile, PackageDescr> entry : parsed.entrySet()) {
            file = entry.getKey();
            verifyFile(entry.getValue());
        }
    }

    private void verifyFile(PackageDescr pkg) {
        Matcher escape = UNICODE_ESCAPE.matcher(file.content());
        DrlSource source = new DrlSource(file.content());
        while (escape.find()) {
            error(source.line(escape.start()), "the unicode escape " + escape.group() + " is not allowed: the Java "
                    + "compiler reads it as the character it names, so it can hide code from a reader; write the character");
        }
        for (AttributeDescr attribute : pkg.getAttributes()) {
            dialect(attribute, "package " + pkg.getName());
        }
        for (GlobalDescr global : pkg.getGlobals()) {
            error(global.getLine(), "global " + global.getIdentifier() + " is not allowed: rules see only the facts "
                    + "graygate inserts, never an object handed in from outside");
        }
        for (FunctionImportDescr imp : pkg.getFunctionImports()) {
            error(imp.getLine(), "import function " + imp.getTarget() + " is not allowed: write the function in the rule file, "
                    + "where its code is verified");
        }
        for (AccumulateImportDescr imp : pkg.getAccumulateImports()) {
            error(imp.getLine(), "import accumulate " + imp.getTarget() + " is not allowed: use the built-in accumulate "
                    + "functions or an accumulate with init/action/result code, which is verified");
        }
        for (TypeDeclarationDescr type : pkg.getTypeDeclarations()) {
            if (type.getSuperTypes() != null && !type.getSuperTypes().isEmpty()) {
                error(type.getLine(), "declare " + type.getTypeName() + " extends " + type.getSuperTypes().get(0)
                        + " is not allowed: a declared type is a plain record of allowed fields");
            }
        }
        for (RuleDescr rule : pkg.getRules()) {
            verifyRule(rule);
        }
    }

    private void verifyRule(RuleDescr rule) {
        String name = (rule.isQuery() ? "query" : "rule") + " \"" + rule.getName() + "\"";
        for (AttributeDescr attribute : rule.getAttributes().values()) {
            if (attribute.getName().equals("dialect")) {
                dialect(attribute, name);
            } else if (!ATTRIBUTES.contains(attribute.getName())) {
                error(attribute.getLine(), name + " has the attribute " + attribute.getName() + ", which is not allowed "
                        + "(its value is an expression run by MVEL); allowed: " + new java.util.TreeSet<>(ATTRIBUTES));
            } else if (attribute.getName().equals("salience") && !INTEGER.matcher(attribute.getValue().strip()).matches()) {
                error(attribute.getLine(), name + " has salience " + attribute.getValue() + "; salience must be a whole "
                        + "number (an expression would run through MVEL)");
            }
        }
        if (!rule.getNamedConsequences().isEmpty()) {
            error(rule.getLine(), name + " has named consequences (do[...] / then[...]); they are not allowed");
        }
        bindings = new HashSet<>();
        collectBindings(rule.getLhs());
        lhs(name, rule.getLhs());
    }

    private void dialect(AttributeDescr attribute, String where) {
        if (attribute.getName().equals("dialect") && !"java".equals(attribute.getValue().strip().replace("\"", ""))) {
            error(attribute.getLine(), where + " switches to dialect \"" + attribute.getValue().replace("\"", "")
                    + "\", which is not allowed: only the java dialect is compiled to code that can be verified");
        }
    }

    private void collectBindings(BaseDescr element) {
        if (element instanceof PatternDescr pattern) {
            if (pattern.getIdentifier() != null) {
                bindings.add(pattern.getIdentifier());
            }
            for (BaseDescr constraint : pattern.getDescrs()) {
                if (constraint instanceof ExprConstraintDescr expr) {
                    Matcher m = BINDING.matcher(strip(expr.getExpression()));
                    while (m.find()) {
                        bindings.add(m.group(1));
                    }
                }
            }
            if (pattern.getSource() instanceof CollectDescr collect) {
                collectBindings(collect.getInputPattern());
            } else if (pattern.getSource() instanceof AccumulateDescr accumulate) {
                collectBindings(accumulate.getInput());
                accumulate.getFunctions().forEach(f -> {
                    if (f.getBind() != null) {
                        bindings.add(f.getBind());
                    }
                });
            }
        } else if (element instanceof ConditionalElementDescr group) {
            group.getDescrs().forEach(this::collectBindings);
        }
    }

    private void lhs(String rule, BaseDescr element) {
        if (element instanceof PatternDescr pattern) {
            pattern(rule, pattern);
        } else if (element instanceof ConditionalBranchDescr || element instanceof NamedConsequenceDescr) {
            error(element.getLine(), rule + " has a conditional or named consequence; it is not allowed");
        } else if (element instanceof ConditionalElementDescr group) {
            group.getDescrs().forEach(child -> lhs(rule, child));
        }
    }

    private void pattern(String rule, PatternDescr pattern) {
        for (BaseDescr constraint : pattern.getDescrs()) {
            if (constraint instanceof ExprConstraintDescr expr) {
                int line = expr.getLine() > 0 ? expr.getLine() : pattern.getLine();
                expression(rule, expr.getExpression(), line);
                catalogue(rule, pattern.getObjectType(), expr.getExpression(), line);
            }
        }
        BaseDescr source = pattern.getSource();
        if (source instanceof FromDescr from) {
            expression(rule, from.getDataSource().getText(), from.getLine() > 0 ? from.getLine() : pattern.getLine());
        } else if (source instanceof CollectDescr collect) {
            lhs(rule, collect.getInputPattern());
        } else if (source instanceof AccumulateDescr accumulate) {
            lhs(rule, accumulate.getInput());
            accumulate.getFunctions().forEach(f -> {
                expression(rule, f.getFunction() + "(" + String.join(", ", f.getParams()) + ")", accumulate.getLine());
            });
        }
    }

    // ---------------------------------------------------------------- words of an MVEL expression

    /** A token of an expression: a word, a literal (kept as a placeholder) or an operator. */
    private record Token(String text, boolean word) {
    }

    private void expression(String rule, String text, int line) {
        List<Token> tokens = tokens(text);
        String problem = tokens == null ? "a character MVEL would read as code ({ } ; @ # \\ or a backtick)" : null;
        for (int i = 0; problem == null && tokens != null && i < tokens.size(); i++) {
            problem = token(tokens, i);
        }
        if (problem != null) {
            error(line, rule + ": the expression '" + text.strip().replaceAll("\\s+", " ") + "' uses " + problem
                    + ", which is not allowed: a constraint or from source may use only the fact model's fields and "
                    + "methods, bound variables, functions of the rule files and plain values (docs/RULES.md)");
        }
    }

    private String token(List<Token> tokens, int i) {
        Token token = tokens.get(i);
        String t = token.text();
        if (!token.word()) {
            return switch (t) {
                case "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "++", "--" -> "the assignment '" + t + "'";
                case "::", "->" -> "'" + t + "'";
                default -> null;
            };
        }
        if (t.equals("new")) {
            return "'new'";
        }
        String previous = i > 0 ? tokens.get(i - 1).text() : "";
        String next = i + 1 < tokens.size() ? tokens.get(i + 1).text() : "";
        if (previous.equals(".") || previous.equals("!.") || previous.equals("?.")) {
            if (next.equals("(")) {
                return vocabulary.isMethod(t) ? null : "the method " + t + "()";
            }
            return vocabulary.isProperty(t) ? null : "the member " + t;
        }
        if (t.startsWith("$") || OPERATOR_WORDS.contains(t) || bindings.contains(t)) {
            return null;
        }
        if (Character.isUpperCase(t.charAt(0))) {
            return vocabulary.isType(t) ? null : "the type " + t;
        }
        if (next.equals("(")) {
            return functions.contains(t) || vocabulary.isMethod(t) ? null : "the call " + t + "()";
        }
        return vocabulary.isProperty(t) ? null : "the name " + t;
    }

    /** The tokens of an expression, or null when it holds a character that MVEL reads as code. */
    private static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != c) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                tokens.add(new Token("\"\"", false));
                i = end + 1;
            } else if (Character.isDigit(c)) {
                int end = i;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '.'
                        || text.charAt(end) == '_')) {
                    end++;
                }
                tokens.add(new Token("0", false));
                i = end;
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i;
                while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
                    end++;
                }
                tokens.add(new Token(text.substring(i, end), true));
                i = end;
            } else if ("{};@#\\`".indexOf(c) >= 0) {
                return null;
            } else {
                String op = operator(text, i);
                tokens.add(new Token(op, false));
                i += op.length();
            }
        }
        return tokens;
    }

    private static final List<String> OPERATORS = List.of("<<=", ">>=", "==", "!=", "<=", ">=", "&&", "||", "+=", "-=",
            "*=", "/=", "%=", "&=", "|=", "^=", "++", "--", "::", "->", "!.", "?.", ":=");

    private static String operator(String text, int i) {
        for (String op : OPERATORS) {
            if (text.startsWith(op, i)) {
                return op;
            }
        }
        return String.valueOf(text.charAt(i));
    }

    private static String strip(String expression) {
        return expression.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
    }

    // ---------------------------------------------------------------- metric and stage names

    private void catalogue(String rule, String objectType, String expression, int line) {
        if (catalogue.knowsMetrics()) {
            Matcher m = METRIC.matcher(expression);
            while (m.find()) {
                String metric = m.group(1) != null ? m.group(1) : m.group(2);
                if (!catalogue.metrics().contains(metric)) {
                    error(line, rule + " matches metric \"" + metric + "\", which config/metrics.yaml does not declare, so "
                            + "the rule would never fire; declared: " + catalogue.metricList());
                }
            }
        }
        if (catalogue.knowsStages() && simpleName(objectType).equals("Stage")) {
            Matcher number = STAGE_NUMBER.matcher(expression);
            while (number.find()) {
                int n = Integer.parseInt(number.group(1));
                if (!catalogue.stageNumbers().contains(n)) {
                    error(line, rule + " matches stage number " + n + ", which config/release.yaml does not have; stages: "
                            + catalogue.stageList());
                }
            }
            Matcher name = STAGE_NAME.matcher(expression);
            while (name.find()) {
                if (!catalogue.stageNames().contains(name.group(1))) {
                    error(line, rule + " matches stage \"" + name.group(1) + "\", which config/release.yaml does not have; "
                            + "stages: " + catalogue.stageList());
                }
            }
        }
    }

    private static String simpleName(String type) {
        return type == null ? "" : type.substring(type.lastIndexOf('.') + 1);
    }

    private void error(int line, String message) {
        problems.add(new RuleProblem(file.path(), Math.max(line, 0), 1, "error", message));
    }
}
