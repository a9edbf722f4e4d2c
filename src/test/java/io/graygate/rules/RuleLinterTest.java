package io.graygate.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("RuleLinter")
class RuleLinterTest {
    private static final String HEADER = """
            package graygate.rules;

            import io.graygate.facts.*;

            """;

    /** A rule with full metadata whose consequence line 9 is the given statement. */
    private static String ruleWithConsequence(String name, String statement) {
        return HEADER + """
                rule "%s"
                    @kind(gate) @description("a test rule")
                when
                    Stage(number == 1)
                then
                    %s
                end
                """.formatted(name, statement);
    }

    private static List<RuleProblem> lint(Path dir, String fileName, String content) throws IOException {
        Files.writeString(dir.resolve(fileName), content);
        return RuleLinter.lint(RuleLoader.read(dir));
    }

    private static List<RuleProblem> errors(List<RuleProblem> problems) {
        return problems.stream().filter(RuleProblem::isError).toList();
    }

    private static List<RuleProblem> check(Path dir, String fileName, String content) throws IOException {
        Files.writeString(dir.resolve(fileName), content);
        return errors(RuleLoader.check(dir).problems());
    }

    @ParameterizedTest(name = "{0} in a consequence is refused at the rule''s file and line")
    @CsvSource(delimiter = '|', value = {
            "java.lang.System.exit            | System.exit(1);",
            "java.lang.System.getenv          | String home = System.getenv(\"HOME\");",
            "java.lang.Runtime.getRuntime     | Runtime.getRuntime().availableProcessors();",
            "new java.lang.ProcessBuilder     | new ProcessBuilder(\"sh\");",
            "java.lang.Thread.yield           | Thread.yield();",
            "java.lang.Class.forName          | try { Class.forName(\"x.Y\"); } catch (Exception e) { }",
            "java.lang.Object.getClass        | insert(new Object().getClass().getName());",
            "new java.io.File                 | new java.io.File(\"/tmp/x\").delete();",
            "java.nio.file.Files.exists       | java.nio.file.Files.exists(null);",
            "java.net.URI.create              | java.net.URI.create(\"http://x\");",
            "java.sql.DriverManager.getDrivers | java.sql.DriverManager.getDrivers();",
            "java.lang.ClassLoader.getSystemClassLoader | ClassLoader.getSystemClassLoader();"})
    void forbiddenInConsequence(String member, String statement, @TempDir Path dir) throws IOException {
        List<RuleProblem> problems = check(dir, "bad.drl", ruleWithConsequence("bad", statement));

        RuleProblem first = problems.stream().filter(p -> p.message().contains(member)).findFirst().orElseThrow();
        assertThat(first.file()).isEqualTo(dir.resolve("bad.drl").toString());
        assertThat(first.line()).isBetween(5, 10);
        assertThat(first.message()).contains("rule \"bad\"").contains("not allowed");
    }

    @Test
    @DisplayName("forbidden code in a constraint and a query is refused before anything compiles; in a comment or a string it is not")
    void forbiddenInConstraintAndQuery(@TempDir Path dir) throws IOException {
        String drl = HEADER + """
                // System.exit is only mentioned here
                rule "constraint"
                    @kind(gate) @description("mentions \\"System\\" in a string")
                when
                    Stage(name == System.getProperty("user.name"))
                then
                    insert(Vote.hold("X", "System is fine in text"));
                end

                query "who"
                    Stage(name == Thread.currentThread().getName())
                end
                """;
        List<RuleProblem> problems = check(dir, "sneaky.drl", drl);

        assertThat(problems).extracting(RuleProblem::line).containsExactly(9, 15);
        assertThat(problems.get(0).message()).contains("the type System").contains("rule \"constraint\"");
        assertThat(problems.get(1).message()).contains("the type Thread").contains("query \"who\"");
    }

    @Test
    @DisplayName("an import outside the fact model, java.lang, java.util and java.time is an error on its line")
    void badImport(@TempDir Path dir) throws IOException {
        String drl = """
                package graygate.rules;

                import io.graygate.facts.*;
                import java.util.List;
                import java.time.LocalDate;
                import java.io.File;
                import java.lang.reflect.Method;
                import io.graygate.platform.Database;
                """;
        List<RuleProblem> problems = errors(lint(dir, "imports.drl", drl));

        assertThat(problems).extracting(RuleProblem::line).containsExactly(6, 7, 8);
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).startsWith("import ").contains("not allowed"));
        assertThat(problems.get(0).message()).contains("java.io.File");
    }

    @Test
    @DisplayName("a rule without @kind or @description, or with an unknown kind or severity, is an error at the rule")
    void metadata(@TempDir Path dir) throws IOException {
        String drl = HEADER + """
                rule "no metadata"
                when
                    Stage()
                then
                end

                rule "odd metadata"
                    @kind(frobnicate) @description("  ") @severity(huge)
                when
                    Stage()
                then
                end
                """;
        List<RuleProblem> problems = errors(lint(dir, "meta.drl", drl));

        assertThat(problems).extracting(p -> p.line() + " " + p.message().replaceAll(";.*", "")).containsExactlyInAnyOrder(
                "5 rule \"no metadata\" has no @kind",
                "5 rule \"no metadata\" has no @description saying in plain words what it checks",
                "11 rule \"odd metadata\" has @kind(frobnicate)",
                "11 rule \"odd metadata\" has no @description saying in plain words what it checks",
                "11 rule \"odd metadata\" has @severity(huge)");
    }

    @Test
    @DisplayName("a rollback rule is @trigger(hard) or @trigger(soft); a soft one must not vote ROLLBACK itself")
    void triggers(@TempDir Path dir) throws IOException {
        String drl = HEADER + """
                rule "no trigger"
                    @kind(rollback) @description("d")
                when
                    Stage()
                then
                    insert(Vote.rollback("A", "a", "", 1, ""));
                end

                rule "soft but votes"
                    @kind(rollback) @trigger(soft) @description("d")
                when
                    Stage()
                then
                    insert(Vote.rollback("B", "b", "", 1, ""));
                end

                rule "hard but soft"
                    @kind(rollback) @trigger(hard) @description("d")
                when
                    Stage()
                then
                    insert(SoftTrigger.of("C", "c", "", 1, ""));
                end

                rule "trigger on a gate"
                    @kind(gate) @trigger(hard) @description("d")
                when
                    Stage()
                then
                    insert(Vote.hold("D", "d"));
                end

                rule "fine"
                    @kind(rollback) @trigger(soft) @description("d")
                when
                    Stage()
                then
                    insert(SoftTrigger.of("E", "e", "", 1, ""));
                end
                """;
        List<RuleProblem> problems = errors(lint(dir, "triggers.drl", drl));

        assertThat(problems).extracting(p -> p.message().replaceAll(";.*", "")).containsExactlyInAnyOrder(
                "rule \"no trigger\" has no @trigger",
                "rule \"soft but votes\" is @trigger(soft) but votes Vote.rollback(...)",
                "rule \"hard but soft\" is @trigger(hard) but inserts a SoftTrigger",
                "rule \"trigger on a gate\" has @trigger but is @kind(gate)");
    }

    @Test
    @DisplayName("a rule name used in two files is an error naming both places")
    void duplicateNamesAcrossFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.drl"), ruleWithConsequence("twice", "insert(Vote.hold(\"A\", \"a\"));"));
        Files.writeString(dir.resolve("b.drl"), ruleWithConsequence("twice", "insert(Vote.hold(\"B\", \"b\"));"));

        List<RuleProblem> problems = errors(RuleLinter.lint(RuleLoader.read(dir)));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(dir.resolve("b.drl").toString());
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).contains("\"twice\"").contains(dir.resolve("a.drl") + ":5");
        });
    }

    @Test
    @DisplayName("two constraints on one field that can never both hold are a warning; reachable ranges are not")
    void contradictions(@TempDir Path dir) throws IOException {
        String drl = HEADER + """
                rule "never"
                    @kind(alert) @description("thresholds the wrong way round")
                when
                    $m : MetricSummary(metric == "param_update_latency_ms",
                                       p99 > 200 && p99 < 100)
                then
                end

                rule "never either"
                    @kind(alert) @description("two metrics at once")
                when
                    $m : MetricSummary(metric == "cpu_ratio", metric == "memory_bytes")
                then
                end

                rule "touching bounds"
                    @kind(alert) @description("exactly 100 only")
                when
                    $m : MetricSummary(p99 >= 100, 100 >= p99, mean > 1 || mean < 0)
                then
                end

                rule "open on one side"
                    @kind(alert) @description("100 excluded on one side")
                when
                    $m : MetricSummary(p99 >= 100, p99 < 100)
                then
                end
                """;
        List<RuleProblem> problems = lint(dir, "shadow.drl", drl);

        assertThat(errors(problems)).isEmpty();
        assertThat(problems).extracting(p -> p.severity() + " " + p.line()).containsExactly("warning 9", "warning 16",
                "warning 30");
        assertThat(problems.get(0).message()).contains("'p99 > 200' and 'p99 < 100' can never both hold");
        assertThat(problems.get(1).message()).contains("metric == \"cpu_ratio\"");
    }

    @Test
    @DisplayName("the shipped rules lint clean: no error, no warning")
    void shippedRulesAreClean() {
        assertThat(RuleLinter.lint(RuleLoader.read(Path.of("rules")))).isEmpty();
        assertThat(RuleLoader.check(Path.of("rules")).problems()).isEmpty();
    }

    @Test
    @DisplayName("loading rules fails on a lint error as on a compile error, and succeeds with warnings only")
    void loadIsGatedByTheLint(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.drl");
        Files.writeString(bad, ruleWithConsequence("exits", "System.exit(3);"));

        RuleCompileException e = catchThrowableOfType(RuleCompileException.class, () -> RuleLoader.load(dir));

        assertThat(e).isNotNull();
        assertThat(e.problems()).anySatisfy(p -> assertThat(p.toString()).startsWith(bad + ":")
                .contains("rule \"exits\" code calls java.lang.System.exit"));

        Files.writeString(bad, HEADER + """
                rule "never"
                    @kind(alert) @description("contradiction is only a warning")
                when
                    MetricSummary(p99 > 200, p99 < 100)
                then
                end
                """);
        assertThat(RuleLoader.load(dir).rules()).containsKey("never");
        assertThat(RuleLoader.check(dir).problems()).singleElement()
                .satisfies(p -> assertThat(p.severity()).isEqualTo("warning"));
    }
}
