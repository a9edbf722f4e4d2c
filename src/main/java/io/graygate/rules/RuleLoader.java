package io.graygate.rules;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.kie.internal.builder.conf.LanguageLevelOption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads the {@code .drl} files of a directory and compiles them at run time with the KIE builder. */
public final class RuleLoader {
    // Under the folder of the shipped rules' package, so the builder does not warn about a mismatch.
    private static final String KFS_PREFIX = "src/main/resources/graygate/rules/";
    private static final java.util.regex.Pattern PARSER_PLACE = java.util.regex.Pattern.compile("[Ll]ine (\\d+):(\\d+)");
    /** Follows a parse error of the same file and adds nothing to it. */
    private static final String NULL_PACKAGE = "Parser returned a null Package";

    private RuleLoader() {
    }

    /** Compiles, verifies and lints the rule files of a directory; any error, of any kind, fails the load. */
    public static RuleSet load(Path dir) {
        return compile(read(dir));
    }

    /** As {@link #load(Path)}, metric and stage names held to the catalogue. */
    public static RuleSet load(Path dir, RuleCatalogue catalogue) {
        RuleCheck check = check(read(dir), catalogue);
        if (check.hasErrors()) {
            throw new RuleCompileException(check.problems());
        }
        return check.ruleSet().orElseThrow();
    }

    /** Every problem of a directory's rule files; a missing or empty directory is one error. */
    public static RuleCheck check(Path dir) {
        return check(dir, RuleCatalogue.UNKNOWN);
    }

    /** Every problem of a directory's rule files, metric and stage names held to the catalogue. */
    public static RuleCheck check(Path dir, RuleCatalogue catalogue) {
        try {
            return check(read(dir), catalogue);
        } catch (RuleCompileException e) {
            return new RuleCheck(e.problems(), Optional.empty());
        }
    }

    public static RuleCheck check(List<RuleFile> files) {
        return check(files, RuleCatalogue.UNKNOWN);
    }

    /**
     * Lints, verifies and compiles; the rule set is present only when there is no error. In this order, so that
     * nothing of a rule file runs before it is verified: the parsed files are verified first (what MVEL would run
     * is never compiled to bytes) and are not compiled at all when that fails; then the compiled classes are
     * verified as bytes, before any of them is loaded; only then is a knowledge base made of them.
     */
    public static RuleCheck check(List<RuleFile> files, RuleCatalogue catalogue) {
        Map<RuleFile, PackageDescr> parsed = parse(files);
        List<RuleProblem> problems = new ArrayList<>(RuleLinter.lint(parsed));
        List<RuleProblem> refused = SourceVerifier.verify(parsed, catalogue);
        problems.addAll(refused);
        if (!refused.isEmpty()) {
            return new RuleCheck(problems, Optional.empty());
        }
        try {
            RuleSet compiled = compileVerified(files, parsed);
            boolean lintErrors = problems.stream().anyMatch(RuleProblem::isError);
            return new RuleCheck(problems, lintErrors ? Optional.empty() : Optional.of(compiled));
        } catch (RuleCompileException e) {
            problems.addAll(e.problems());
            return new RuleCheck(problems, Optional.empty());
        }
    }

    /** The files that parse, by file; a file that does not is left to the compiler, which reports its errors. */
    private static Map<RuleFile, PackageDescr> parse(List<RuleFile> files) {
        Map<RuleFile, PackageDescr> parsed = new LinkedHashMap<>();
        for (RuleFile file : files) {
            DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
            try {
                PackageDescr pkg = parser.parse(false, file.content());
                if (!parser.hasErrors() && pkg != null) {
                    parsed.put(file, pkg);
                }
            } catch (DroolsParserException e) {
                // reported by the compiler with its place
            }
        }
        return parsed;
    }

    /** The rule files under a directory, sorted by name, with their hashes. */
    public static List<RuleFile> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RuleCompileException(List.of(new RuleProblem(dir.toString(), 0, 0, "error", "no such rules directory")));
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<RuleFile> files = new ArrayList<>();
            for (Path file : walk.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p)).sorted().toList()) {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                String name = dir.relativize(file).toString().replace('\\', '/');
                files.add(new RuleFile(file.toString(), name, content, sha256(content)));
            }
            if (files.isEmpty()) {
                throw new RuleCompileException(List.of(new RuleProblem(dir.toString(), 0, 0, "error", "no .drl files")));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Lints, verifies and compiles; throws with every problem when any is an error (warnings do not fail). */
    public static RuleSet compile(List<RuleFile> files) {
        RuleCheck check = check(files);
        if (check.hasErrors()) {
            throw new RuleCompileException(check.problems());
        }
        return check.ruleSet().orElseThrow();
    }

    private static RuleSet compileVerified(List<RuleFile> files, Map<RuleFile, PackageDescr> parsed) {
        String sha = ruleSetSha256(files);
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("io.graygate.rules", "ruleset", "1.0.0-" + sha);
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        for (RuleFile file : files) {
            kfs.write(KFS_PREFIX + file.name(), file.content());
        }
        KieBuilder builder = ks.newKieBuilder(kfs);
        List<RuleProblem> problems = build(builder, files);
        if (problems.stream().anyMatch(p -> p.severity().equals("error"))) {
            ks.getRepository().removeKieModule(releaseId);
            throw new RuleCompileException(problems);
        }
        // Building compiles and stores class bytes but loads none of them (their static initialisers run
        // on first use, in a session): they are verified here, before the container defines any.
        GeneratedCode generated = GeneratedCode.of((InternalKieModule) builder.getKieModule(), parsed);
        List<RuleProblem> refused = generated.verify();
        if (!refused.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            throw new RuleCompileException(refused);
        }
        KieContainer container = ks.newKieContainer(releaseId);
        KieBase kieBase = container.getKieBase();
        // The built module is held by the container; keeping it in the global repository too would
        // make every candidate rule set (tests, replays) live for the rest of the process.
        ks.getRepository().removeKieModule(releaseId);
        List<String> unverified = generated.unverifiedIn(kieBase);
        if (!unverified.isEmpty()) {
            throw new RuleCompileException(List.of(new RuleProblem(files.get(0).path(), 0, 0, "error",
                    "the knowledge base holds classes that were not verified: " + unverified)));
        }
        return new RuleSet(sha, files, describe(kieBase, files), new VerifiedKieBase(kieBase));
    }

    private static List<RuleProblem> build(KieBuilder builder, List<RuleFile> files) {
        try {
            builder.buildAll();
        } catch (RuntimeException e) {
            // Some compiler failures throw instead of reporting a message.
            return List.of(new RuleProblem(files.get(0).path(), 0, 0, "error", "the rule compiler failed: " + e));
        }
        List<RuleProblem> problems = new ArrayList<>();
        for (Message message : builder.getResults().getMessages()) {
            if (message.getLevel() == Message.Level.INFO) {
                continue;
            }
            if (message.getText() != null && message.getText().contains(NULL_PACKAGE)) {
                continue;
            }
            problems.add(ConsequencePlace.refine(new RuleProblem(displayPath(message.getPath(), files), line(message),
                    column(message), message.getLevel() == Message.Level.ERROR ? "error" : "warning",
                    oneLine(message.getText())), files));
        }
        return problems;
    }

    private static String displayPath(String kfsPath, List<RuleFile> files) {
        if (kfsPath == null) {
            return files.get(0).path();
        }
        String name = kfsPath;
        for (String prefix : List.of("src/main/resources/", "graygate/rules/")) {
            if (name.startsWith(prefix)) {
                name = name.substring(prefix.length());
            }
        }
        String relative = name;
        return files.stream().filter(f -> f.name().equals(relative)).map(RuleFile::path).findFirst().orElse(kfsPath);
    }

    /** Drools often reports column 0 but names the place in its text, as in "Line 38:4". */
    private static int column(Message message) {
        if (message.getColumn() > 0) {
            return message.getColumn();
        }
        java.util.regex.Matcher m = PARSER_PLACE.matcher(message.getText() == null ? "" : message.getText());
        return m.find() ? Integer.parseInt(m.group(2)) : 0;
    }

    private static int line(Message message) {
        if (message.getLine() > 0) {
            return message.getLine();
        }
        java.util.regex.Matcher m = PARSER_PLACE.matcher(message.getText() == null ? "" : message.getText());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\n\\s*", " ");
    }

    private static Map<String, RuleInfo> describe(KieBase kieBase, List<RuleFile> files) {
        List<RuleInfo> infos = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                infos.add(new RuleInfo(rule.getName(), fileOf(rule, files),
                        meta(rule, "kind"), meta(rule, "description"), meta(rule, "severity")));
            }
        }
        infos.sort(java.util.Comparator.comparing(RuleInfo::file).thenComparing(RuleInfo::name));
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        infos.forEach(info -> rules.put(info.name(), info));
        return rules;
    }

    private static String fileOf(Rule rule, List<RuleFile> files) {
        if (rule instanceof RuleImpl impl && impl.getResource() != null && impl.getResource().getSourcePath() != null) {
            String shown = displayPath(impl.getResource().getSourcePath(), files);
            return files.stream().filter(f -> f.path().equals(shown)).map(RuleFile::name).findFirst().orElse(shown);
        }
        return "";
    }

    private static String meta(Rule rule, String key) {
        Object value = rule.getMetaData().get(key);
        if (value == null && key.equals("description")) {
            // Drools files @description under the annotation's class name
            value = rule.getMetaData().get(org.kie.api.definition.type.Description.class.getName());
        }
        return value == null ? "" : value.toString();
    }

    /** SHA-256 over every file's name and content, in name order: the rule set's identity. */
    public static String ruleSetSha256(List<RuleFile> files) {
        MessageDigest digest = newDigest();
        for (RuleFile file : files) {
            digest.update(file.name().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(file.content().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256(String content) {
        return HexFormat.of().formatHex(newDigest().digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
