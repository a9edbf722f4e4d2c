package io.graygate.rules;

import io.graygate.tools.cli.Main;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("graygate rules check")
class RulesCheckCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "rules";
        all[1] = "check";
        System.arraycopy(args, 0, all, 2, args.length);
        return Main.run(all, new PrintWriter(out), new PrintWriter(err));
    }

    private static final String WARNING_ONLY = """
            package graygate.rules;
            import io.graygate.facts.*;
            rule "never"
                @kind(alert) @description("thresholds the wrong way round")
            when
                MetricSummary(p99 > 200, p99 < 100)
            then
            end
            """;

    @Test
    @DisplayName("the shipped rules: exit 0, every rule listed, no problem printed")
    void shippedClean() {
        assertThat(check("--rules", "rules", "--strict")).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("70 rules in 6 files compile; rule set sha256 ")
                .contains("derive     S2+ symbol in trouble: signal quality");
    }

    @Test
    @DisplayName("warnings only: printed as FILE:LINE:COL, exit 0, or 1 with --strict")
    void warningsOnly(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("w.drl"), WARNING_ONLY);

        assertThat(check("--rules", dir.toString())).isZero();
        assertThat(check("--rules", dir.toString(), "--strict")).isEqualTo(1);
        assertThat(err.toString()).contains(file + ":6:30: warning: in rule \"never\"");
    }

    @Test
    @DisplayName("an error: printed as FILE:LINE:COL: error, exit 2")
    void errors(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("e.drl"), WARNING_ONLY.replace("then\n", "then\n    System.exit(1);\n"));

        assertThat(check("--rules", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(file + ":8:1: error: rule \"never\" code calls java.lang.System.exit");
        assertThat(out.toString()).doesNotContain("rule set sha256");
    }

    /** Line 4 is the rule's first line; {@code %s} in the body below is replaced per case. */
    private static final String BROKEN = """
            package graygate.rules;
            import io.graygate.facts.*;

            rule "broken"
                @kind(alert) @description("a rule broken on purpose") @severity(warning)
            when
                $s : Stage(number == 1)
            then
                %s
            end
            """;

    @ParameterizedTest(name = "{0}: exit 2 at line {2}")
    @CsvSource(delimiter = '|', value = {
            "syntax error                | Stage( then end                                                   | 10 | mismatched input",
            "unknown fact type           | insert(new NoSuchFact(1));                                         | 9  | NoSuchFact",
            "Java error in a consequence | int wrong = \"text\";                                              | 9  | Type mismatch",
            "System.exit                 | System.exit(1);                                                   | 9  | rule \"broken\" code calls java.lang.System.exit, which is not allowed",
            "reading a file (java.io)    | new java.io.FileReader(\"/etc/passwd\").read();                   | 9  | rule \"broken\" code new java.io.FileReader, which is not allowed",
            "reading a file (java.nio)   | java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\")); | 9 | rule \"broken\" code calls java.nio.file.Path.of, which is not allowed",
            "reflection                  | $s.getClass().getDeclaredMethods();                               | 9  | rule \"broken\" code calls java.lang.Object.getClass, which is not allowed",
            "reflection by name          | Class.forName(\"java.lang.Runtime\");                             | 9  | rule \"broken\" code calls java.lang.Class.forName, which is not allowed",
    })
    void brokenConsequence(String kind, String body, int line, String message, @TempDir Path dir) throws IOException {
        String drl = BROKEN.formatted(body);
        if (kind.equals("syntax error")) {
            drl = drl.replace("then\n    " + body + "\nend\n", "then\nend\nrule \"half\" when " + body + "\n");
        }
        Path file = Files.writeString(dir.resolve("broken.drl"), drl);

        assertBrokenAt(dir, file, line, message);
    }

    @ParameterizedTest(name = "{0}: exit 2 at line {2}")
    @CsvSource(delimiter = '|', value = {
            "an import outside the fact model | import io.graygate.facts.*;       | import java.io.File;            | 2 | import",
            "an unknown fact type             | $s : Stage(number == 1)           | $s : NoSuchFact(number == 1)     | 7 | NoSuchFact",
            "no @kind                         | @kind(alert) @description         | @description                    | 4 | @kind",
            "no @description                  | @description(\"a rule broken on purpose\") | @note(\"x\")          | 4 | @description",
    })
    void brokenDeclaration(String kind, String find, String replacement, int line, String message, @TempDir Path dir)
            throws IOException {
        String drl = BROKEN.formatted("").replace(find, replacement);
        Path file = Files.writeString(dir.resolve("broken.drl"), drl);

        assertBrokenAt(dir, file, line, message);
    }

    @Test
    @DisplayName("a rule name used in two files: exit 2, both places named")
    void duplicateNameAcrossFiles(@TempDir Path dir) throws IOException {
        Path first = Files.writeString(dir.resolve("a.drl"), BROKEN.formatted(""));
        Path second = Files.writeString(dir.resolve("b.drl"), BROKEN.formatted(""));

        assertBrokenAt(dir, second, 4, "broken");
        assertThat(err.toString()).contains(first.toString());
    }

    private void assertBrokenAt(Path dir, Path file, int line, String message) {
        int status = check("--rules", dir.toString());

        assertThat(status).as(err.toString()).isEqualTo(2);
        assertThat(err.toString().lines().filter(l -> l.startsWith(file + ":" + line + ":")).toList())
                .as(err.toString()).anyMatch(l -> l.matches(".*:\\d+:\\d+: error: .*") && l.contains(message));
        assertThat(err.toString()).as("no stack trace").doesNotContain("\tat ", "--verbose");
        assertThat(err.toString()).contains("error(s); the rules cannot be used");
    }
}
