package io.graygate.rules;

import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.rule.LineMappings;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.MemoryKieModule;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The classes a build produced, read as bytes from where Drools keeps them before anything is loaded: the
 * built module's in-memory file system (declared types) and each package's Java dialect store (rules' classes,
 * invokers, functions). Maps a finding in a generated class back to the rule, function or declared type of
 * the rule files it came from.
 */
final class GeneratedCode {
    private final Map<String, byte[]> classes;
    private final Collection<KiePackage> packages;
    private final Map<RuleFile, PackageDescr> parsed;

    private GeneratedCode(Map<String, byte[]> classes, Collection<KiePackage> packages, Map<RuleFile, PackageDescr> parsed) {
        this.classes = classes;
        this.packages = packages;
        this.parsed = parsed;
    }

    static GeneratedCode of(InternalKieModule module, Map<RuleFile, PackageDescr> parsed) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        if (module instanceof MemoryKieModule memory) {
            memory.getMemoryFileSystem().getMap().forEach((path, bytes) -> {
                if (path.asString().endsWith(".class")) {
                    classes.put(path.asString(), bytes);
                }
            });
        }
        List<KiePackage> packages = new ArrayList<>();
        for (String kieBase : module.getKieModuleModel().getKieBaseModels().keySet()) {
            Collection<KiePackage> built = module.getKnowledgePackagesForKieBase(kieBase);
            if (built != null) {
                packages.addAll(built);
            }
        }
        packages.forEach(pkg -> classes.putAll(store(pkg)));
        return new GeneratedCode(classes, packages, parsed);
    }

    Map<String, byte[]> classes() {
        return classes;
    }

    /** Every finding of the bytecode verifier as a problem at the file and line of its rule. */
    List<RuleProblem> verify() {
        List<RuleProblem> problems = new ArrayList<>();
        for (BytecodeVerifier.Finding finding : new BytecodeVerifier(classes).verify()) {
            problems.add(place(finding));
        }
        return problems.stream().distinct().toList();
    }

    /**
     * What the knowledge base was built from must be exactly what was verified: a class in its packages that
     * was not among the verified bytes (or differs from them) is named.
     */
    List<String> unverifiedIn(KieBase kieBase) {
        List<String> unverified = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            store(pkg).forEach((name, bytes) -> {
                if (!Arrays.equals(bytes, classes.get(name))) {
                    unverified.add(name);
                }
            });
        }
        return unverified;
    }

    private static Map<String, byte[]> store(KiePackage pkg) {
        if (pkg instanceof InternalKnowledgePackage internal
                && internal.getDialectRuntimeRegistry().getDialectData("java") instanceof JavaDialectRuntimeData java) {
            return java.getStore();
        }
        return Map.of();
    }

    private RuleProblem place(BytecodeVerifier.Finding finding) {
        String internal = finding.className();
        String simple = simple(internal);
        String pkgName = internal.contains("/") ? internal.substring(0, internal.lastIndexOf('/')).replace('/', '.') : "";
        String what = "code " + finding.what() + ", which is not allowed: rule code may use only the fact model and plain "
                + "Java values (docs/RULES.md lists what is allowed)";
        for (Map.Entry<RuleFile, PackageDescr> entry : parsed.entrySet()) {
            PackageDescr pkg = entry.getValue();
            if (!pkg.getNamespace().equals(pkgName)) {
                continue;
            }
            RuleDescr rule = ruleOf(pkg, simple);
            if (rule != null) {
                int line = drlLine(pkgName, ruleClass(simple, rule), finding.generatedLine(), rule.getLine(), Math.max(rule.getEndLine(), rule.getLine()));
                return problem(entry.getKey(), line, "rule \"" + rule.getName() + "\" " + what);
            }
            for (FunctionDescr function : pkg.getFunctions()) {
                if (capitalised(function.getName()).equals(simple)) {
                    int line = drlLine(pkgName, simple, finding.generatedLine(), function.getLine(),
                            Math.max(function.getEndLine(), function.getLine()));
                    return problem(entry.getKey(), line, "function " + function.getName() + " " + what);
                }
            }
            for (TypeDeclarationDescr type : pkg.getTypeDeclarations()) {
                if (type.getTypeName().equals(simple)) {
                    return problem(entry.getKey(), type.getLine(), "declare " + type.getTypeName() + ": " + what);
                }
            }
        }
        RuleFile first = parsed.keySet().iterator().next();
        return problem(first, 0, "generated class " + BytecodeVerifier.dotted(internal) + ": " + what);
    }

    /** The rule whose generated class this is: Drools names it "Rule_" + the legal rule name + a number. */
    private static RuleDescr ruleOf(PackageDescr pkg, String simple) {
        RuleDescr best = null;
        int bestLength = -1;
        for (RuleDescr rule : pkg.getRules()) {
            String prefix = "Rule_" + legalName(rule.getName());
            if (simple.startsWith(prefix) && simple.length() > prefix.length()
                    && Character.isDigit(simple.charAt(prefix.length())) && prefix.length() > bestLength) {
                best = rule;
                bestLength = prefix.length();
            }
        }
        return best;
    }

    /** The rule's own class (its invokers and inner classes carry a suffix after the number). */
    private static String ruleClass(String simple, RuleDescr rule) {
        int end = ("Rule_" + legalName(rule.getName())).length();
        while (end < simple.length() && Character.isDigit(simple.charAt(end))) {
            end++;
        }
        return simple.substring(0, end);
    }

    /** Drools' legal class name of a rule: spaces become '_', other characters not allowed in a name "$u<code>$". */
    private static String legalName(String name) {
        StringBuilder legal = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (c == ' ') {
                legal.append('_');
            } else if (Character.isJavaIdentifierPart(c) && c != '$') {
                legal.append(c);
            } else {
                legal.append("$u").append((int) c).append('$');
            }
        }
        return legal.toString();
    }

    /** The DRL line of a generated line through Drools' line mappings; the unit's first line when it cannot say. */
    private int drlLine(String pkgName, String simpleClass, int generatedLine, int first, int last) {
        String className = pkgName.isEmpty() ? simpleClass : pkgName + "." + simpleClass;
        for (KiePackage pkg : packages) {
            if (pkg instanceof InternalKnowledgePackage internal) {
                LineMappings mappings = internal.getDialectRuntimeRegistry().getLineMappings(className);
                if (mappings != null && generatedLine > 0) {
                    // the consequence's first statement, one line after "then", is generated at offset + 4
                    int line = mappings.getStartLine() + 1 + generatedLine - (mappings.getOffset() + 4);
                    if (line >= first && line <= last) {
                        return line;
                    }
                }
            }
        }
        return first;
    }

    private static RuleProblem problem(RuleFile file, int line, String message) {
        return new RuleProblem(file.path(), line, 1, "error", message);
    }

    private static String simple(String internal) {
        return internal.substring(internal.lastIndexOf('/') + 1);
    }

    private static String capitalised(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
