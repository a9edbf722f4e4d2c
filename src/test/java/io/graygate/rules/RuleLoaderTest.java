package io.graygate.rules;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.definition.rule.Rule;
import org.kie.api.definition.type.Description;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("RuleLoader")
class RuleLoaderTest {
    static final Path SHIPPED = Path.of("rules");

    /** A rule that compiles, to sit next to the broken file. */
    static final String GOOD = """
            package graygate.rules;

            import io.graygate.facts.*;

            rule "good"
                @kind(gate) @description("compiles")
            when
                Stage(number == 1)
            then
                insert(Vote.hold("GOOD", "a rule that compiles"));
            end
            """;

    private static List<RuleProblem> compileProblems(Path dir) {
        RuleCompileException e = catchThrowableOfType(RuleCompileException.class, () -> RuleLoader.load(dir));
        assertThat(e).as("compiling %s must fail", dir).isNotNull();
        assertThat(e.problems()).isNotEmpty();
        assertThat(e.getMessage()).isNotBlank();
        return e.problems();
    }

    @Nested
    @DisplayName("compile errors")
    class CompileErrors {
        @Test
        @DisplayName("a syntax error on line 7 is reported for that file, line 7, severity error")
        void syntaxErrorNamesFileAndLine(@TempDir Path dir) throws IOException {
            Files.writeString(dir.resolve("a_good.drl"), GOOD);
            Path broken = dir.resolve("broken.drl");
            Files.writeString(broken, """
                    package graygate.rules;

                    import io.graygate.facts.*;

                    rule "broken"
                    when
                        Stage(number == )
                    then
                        insert(Vote.hold("BROKEN", "never"));
                    end
                    """);

            List<RuleProblem> problems = compileProblems(dir);

            assertThat(problems).filteredOn(p -> p.severity().equals("error")).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.file()).isEqualTo(broken.toString()));
            assertThat(problems).filteredOn(p -> p.severity().equals("error")).first()
                    .satisfies(p -> assertThat(p.line()).isEqualTo(7));
            assertThat(problems).noneMatch(p -> p.file().endsWith("a_good.drl"));
            assertThat(problems.get(0).toString()).startsWith(broken + ":7:");
        }

        @Test
        @DisplayName("a file in a sub-folder is reported by its path as found under the directory given")
        void subFolderPath(@TempDir Path dir) throws IOException {
            Files.writeString(dir.resolve("a_good.drl"), GOOD);
            Path broken = Files.createDirectories(dir.resolve("stage1")).resolve("broken.drl");
            Files.writeString(broken, """
                    package graygate.rules;
                    import io.graygate.facts.*;
                    rule "broken in a folder"
                    when
                        Stage(number == 1
                    then
                    end
                    """);

            List<RuleProblem> problems = compileProblems(dir);

            assertThat(problems).filteredOn(p -> p.severity().equals("error")).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.file()).isEqualTo(broken.toString()));
        }

        @Test
        @DisplayName("a consequence calling an undefined method is reported with its file, severity error")
        void undefinedMethodInConsequence(@TempDir Path dir) throws IOException {
            Files.writeString(dir.resolve("a_good.drl"), GOOD);
            Path bad = dir.resolve("consequence.drl");
            Files.writeString(bad, """
                    package graygate.rules;

                    import io.graygate.facts.*;

                    rule "calls a method that does not exist"
                    when
                        $s : Stage()
                    then
                        insert(Vote.noSuchFactory($s.name()));
                    end
                    """);

            List<RuleProblem> problems = compileProblems(dir);

            assertThat(problems).filteredOn(p -> p.severity().equals("error")).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.file()).isEqualTo(bad.toString()));
            assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("noSuchFactory"));
        }

        @Test
        @DisplayName("a missing directory and a directory without .drl files are compile errors, not crashes")
        void missingOrEmptyDirectory(@TempDir Path dir) throws IOException {
            Path missing = dir.resolve("nowhere");
            assertThat(compileProblems(missing)).singleElement()
                    .satisfies(p -> assertThat(p.file()).isEqualTo(missing.toString()))
                    .satisfies(p -> assertThat(p.severity()).isEqualTo("error"));

            Files.writeString(dir.resolve("notes.txt"), "not a rule");
            assertThatThrownBy(() -> RuleLoader.load(dir)).isInstanceOf(RuleCompileException.class)
                    .hasMessageContaining("no .drl files");
        }
    }

    @Nested
    @DisplayName("the shipped rules")
    class Shipped {
        static RuleSet shipped;

        @BeforeAll
        static void compileShippedRules() {
            shipped = RuleLoader.load(SHIPPED);
        }

        @Test
        @DisplayName("compile, and every file is read")
        void compile() {
            assertThat(shipped.files()).extracting(RuleFile::name)
                    .containsExactly("alerts.drl", "entry.drl", "gate_hysteresis.drl", "gates.drl", "hysteresis.drl", "rollback.drl");
            assertThat(shipped.files()).extracting(RuleFile::path)
                    .containsExactly(SHIPPED.resolve("alerts.drl").toString(), SHIPPED.resolve("entry.drl").toString(),
                            SHIPPED.resolve("gate_hysteresis.drl").toString(),
                            SHIPPED.resolve("gates.drl").toString(),
                            SHIPPED.resolve("hysteresis.drl").toString(), SHIPPED.resolve("rollback.drl").toString());
            assertThat(shipped.rules()).isNotEmpty();
        }

        @Test
        @DisplayName("every rule has @kind (gate, rollback, alert or derive) and names its file relative to the rules directory")
        void everyRuleHasKindAndFile() {
            assertThat(shipped.rules().values()).hasSize(ruleCount()).allSatisfy(rule -> {
                assertThat(rule.kind()).as("@kind of '%s'", rule.name()).isIn("gate", "rollback", "alert", "derive", "hysteresis", "entry");
                assertThat(rule.file()).as("file of '%s'", rule.name())
                        .isIn(shipped.files().stream().map(RuleFile::name).toList());
            });
        }

        @Test
        @DisplayName("every compiled rule carries @description metadata")
        void everyRuleHasADescriptionInItsMetadata() {
            // Drools files @description under the key of its own annotation type, not under "description".
            List<Rule> compiled = shipped.kieBase().packages().stream()
                    .flatMap(p -> p.getRules().stream()).toList();
            assertThat(compiled).hasSize(ruleCount()).allSatisfy(rule -> assertThat(
                    rule.getMetaData().getOrDefault("description",
                            rule.getMetaData().get(Description.class.getName())))
                    .as("@description of '%s'", rule.getName()).asString().isNotBlank());
        }

        @Test
        @DisplayName("RuleInfo.description() gives every rule's @description")
        void ruleInfoCarriesTheDescription() {
            assertThat(shipped.rules().values()).allSatisfy(rule ->
                    assertThat(rule.description()).as("description of '%s'", rule.name()).isNotBlank());
            assertThat(shipped.rule("Any stage: crash")).hasValueSatisfying(rule ->
                    assertThat(rule.description()).isEqualTo("A crash of the gray service rolls back at once"));
        }

        @Test
        @DisplayName("every rule sits in the file of its kind; the gate hysteresis (\"Gate: ...\") in its own file")
        void kindsMatchFiles() {
            assertThat(shipped.rules().values()).allSatisfy(rule -> assertThat(rule.file())
                    .as("file of %s rule '%s'", rule.kind(), rule.name())
                    .endsWith(rule.name().startsWith("Gate: ") ? "gate_hysteresis.drl" : switch (rule.kind()) {
                        case "gate" -> "gates.drl";
                        case "rollback", "derive" -> "rollback.drl";
                        case "hysteresis" -> "hysteresis.drl";
                        case "entry" -> "entry.drl";
                        default -> "alerts.drl";
                    }));
        }

        /** Every "rule" declaration in the shipped files, counted in the text. */
        private static int ruleCount() {
            return shipped.files().stream()
                    .mapToInt(f -> (int) f.content().lines().filter(l -> l.startsWith("rule \"")).count()).sum();
        }

        @Test
        @DisplayName("the rule set's SHA-256 is the hash of the files read")
        void shaOfShippedRules() {
            assertThat(shipped.sha256()).isEqualTo(RuleLoader.ruleSetSha256(RuleLoader.read(SHIPPED)))
                    .matches("[0-9a-f]{64}");
        }
    }

    @Nested
    @DisplayName("rule-set SHA-256")
    class Sha {
        private Path copyOfShippedRules(Path dir) throws IOException {
            try (Stream<Path> files = Files.list(SHIPPED)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                    Files.copy(file, dir.resolve(file.getFileName()));
                }
            }
            return dir;
        }

        private static String sha(Path dir) {
            return RuleLoader.ruleSetSha256(RuleLoader.read(dir));
        }

        @Test
        @DisplayName("does not change when nothing changes, not even the files' modification times")
        void stableWithoutChange(@TempDir Path dir) throws IOException {
            Path rules = copyOfShippedRules(dir);
            String before = sha(rules);

            Files.setLastModifiedTime(rules.resolve("gates.drl"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));

            assertThat(sha(rules)).isEqualTo(before).isEqualTo(sha(SHIPPED));
        }

        @Test
        @DisplayName("changes when one file's content changes, and returns when the change is undone")
        void changesWithContent(@TempDir Path dir) throws IOException {
            Path rules = copyOfShippedRules(dir);
            String before = sha(rules);
            Path gates = rules.resolve("gates.drl");
            String original = Files.readString(gates);

            Files.writeString(gates, original.replace("$m.p99() <= 100", "$m.p99() <= 101"));
            String changed = sha(rules);

            assertThat(changed).isNotEqualTo(before);
            Files.writeString(gates, original);
            assertThat(sha(rules)).isEqualTo(before);
        }

        @Test
        @DisplayName("changes when a file is renamed or added")
        void changesWithFiles(@TempDir Path dir) throws IOException {
            Path rules = copyOfShippedRules(dir);
            String before = sha(rules);

            Files.move(rules.resolve("alerts.drl"), rules.resolve("alerts_v2.drl"));
            String renamed = sha(rules);
            Files.writeString(rules.resolve("zz_extra.drl"), GOOD);
            String added = sha(rules);

            assertThat(List.of(before, renamed, added)).doesNotHaveDuplicates();
        }

        @Test
        @DisplayName("the compiled rule set carries the SHA of its files, and a changed file compiles to a new SHA")
        void compiledRuleSetCarriesTheSha(@TempDir Path dir) throws IOException {
            Path rules = copyOfShippedRules(dir);
            Path gates = rules.resolve("gates.drl");
            Files.writeString(gates, Files.readString(gates) + "\n// reviewed\n");

            RuleSet changed = RuleLoader.load(rules);

            assertThat(changed.sha256()).isEqualTo(sha(rules)).isNotEqualTo(sha(SHIPPED));
        }
    }
}
