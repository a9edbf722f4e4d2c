package io.graygate.rules;

import io.graygate.cli.Main;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(out.toString()).contains("62 rules in 5 files compile; rule set sha256 ")
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
        assertThat(err.toString()).contains(file + ":8:5: error: 'System' in rule \"never\" is not allowed");
        assertThat(out.toString()).doesNotContain("rule set sha256");
    }
}
