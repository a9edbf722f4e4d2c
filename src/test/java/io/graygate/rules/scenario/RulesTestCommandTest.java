package io.graygate.rules.scenario;

import io.graygate.tools.cli.Main;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("graygate rules test")
class RulesTestCommandTest {

    /** The exit status and the lines printed to stdout and stderr. */
    record Run(int exit, List<String> out, List<String> err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString().lines().toList(), err.toString().lines().toList());
    }

    private static Path write(Path dir, String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private static final String CRASH_SCENARIO = """
            name: stage 1 crash
            stage: gray_10pct
            facts:
              summaries:
                - {metric: crash_count, sum: 1}
            expect:
              decision: %s
              reasons_include: [%s]
              fired_include: ["Any stage: crash"%s]
            """;

    @Test
    @DisplayName("the shipped scenarios all pass and fire every shipped rule")
    void shippedScenariosPassWithFullCoverage() {
        Run run = run("rules", "test", "--rules", "rules", "--release", "config/release.yaml", "--min-coverage", "100");

        assertThat(run.exit()).as("output %s", run.out()).isZero();
        assertThat(run.out()).filteredOn(l -> l.startsWith("FAIL") || l.startsWith("ERROR")).isEmpty();
        assertThat(run.out()).anyMatch(l -> l.matches("\\d+ passed, 0 failed"));
        assertThat(run.out()).contains("rule coverage: 65 of 65 rules fired (100.0%)");
    }

    @Test
    @DisplayName("a wrong expectation fails with the expected and actual decision and the missing reasons and rules")
    void wrongScenarioFailsWithADiff(@TempDir Path dir) throws IOException {
        Path file = write(dir, "wrong.yaml", CRASH_SCENARIO.formatted("HOLD", "NOT_A_CODE", ", \"S1 no such rule\""));

        Run run = run("rules", "test", file.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).anyMatch(l -> l.startsWith("FAIL stage 1 crash"));
        assertThat(run.out()).contains("    decision: expected HOLD, actual ROLLBACK");
        assertThat(run.out()).anyMatch(l -> l.startsWith("    missing reasons: \"NOT_A_CODE\"; actual: \"CRASH\""));
        assertThat(run.out()).anyMatch(l -> l.startsWith("    missing fired rules: \"S1 no such rule\""));
        assertThat(run.out()).contains("0 passed, 1 failed");
    }

    @Test
    @DisplayName("exact lists report unexpected reasons and rules; fired_exclude reports a rule that fired")
    void exactListsAndExclusions(@TempDir Path dir) throws IOException {
        Path file = write(dir, "exact.yaml", """
                name: exact
                stage: gray_10pct
                facts:
                  summaries:
                    - {metric: crash_count, sum: 1}
                expect:
                  decision: ROLLBACK
                  reasons: []
                  fired: ["S1 no crash"]
                  fired_exclude: ["Any stage: crash"]
                """);

        Run run = run("rules", "test", file.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("    unexpected reasons: \"CRASH\"", "    unexpected fired rules: \"Any stage: crash\", \"Gate: hard trigger ends the pass streak\"",
                "    fired rules that must not fire: \"Any stage: crash\"");
    }

    @Test
    @DisplayName("a passing scenario below --min-coverage fails and lists the rules that never fired")
    void minCoverage(@TempDir Path dir) throws IOException {
        Path file = write(dir, "one.yaml", CRASH_SCENARIO.formatted("ROLLBACK", "CRASH", ""));

        Run lenient = run("rules", "test", "--min-coverage", "2", file.toString());
        Run strict = run("rules", "test", "--min-coverage", "50", file.toString());

        assertThat(lenient.exit()).isZero();
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.out()).contains("1 passed, 0 failed", "rule coverage: 3 of 65 rules fired (4.6%)",
                "rule coverage 4.6% is below the minimum 50.0%");
        assertThat(strict.out()).anyMatch(l -> l.startsWith("    never fired: S1 no critical alert"));
    }

    @Test
    @DisplayName("a bad scenario file names the file and the key, and exits 2")
    void badFileNamesFileAndKey(@TempDir Path dir) throws IOException {
        Path typo = write(dir, "typo.yaml", """
                stage: gray_10pct
                scenarios:
                  - name: typo
                    facts:
                      summaries:
                        - {metric: crash_count, summ: 1}
                    expect: {decision: ADVANCE}
                """);
        Path unknownMetric = write(dir, "metric.yaml", """
                name: unknown metric
                stage: gray_10pct
                facts:
                  comparisons:
                    - {metric: crash_cuont, change: 0}
                expect: {decision: ADVANCE}
                """);
        Path badDecision = write(dir, "decision.yaml", """
                name: bad decision
                stage: gray_10pct
                expect: {decision: MAYBE}
                """);

        Run run = run("rules", "test", typo.toString(), unknownMetric.toString(), badDecision.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains(
                "ERROR " + typo + ": scenarios[0].facts.summaries[0].summ: unknown key; expected one of "
                        + "[days, group, max, mean, metric, min, p99, samples, stddev, sum, symbol]",
                "ERROR " + unknownMetric + ": facts.comparisons[0].metric: unknown metric 'crash_cuont'; it is not in "
                        + "the metric catalogue",
                "ERROR " + badDecision + ": expect.decision: expected ADVANCE, HOLD or ROLLBACK, got 'MAYBE'");
    }

    @Test
    @DisplayName("an entry scenario runs entry.drl alone: a missing statement refuses, and a wrong expectation shows it")
    void entryScenario(@TempDir Path dir) throws IOException {
        Path file = write(dir, "entry.yaml", """
                name: stage 1 with nothing stated
                stage: gray_10pct
                entry:
                  statements:
                    - {check: alert_channel, value: "no", by: sre}
                expect:
                  decision: ADVANCE
                  fired_exclude: ["S1 no crash"]
                """);
        Path badPhase = write(dir, "phase.yaml", """
                name: bad phase
                stage: gray_50pct
                entry: {phase: RUNNING}
                expect: {decision: HOLD}
                """);

        Run run = run("rules", "test", file.toString());
        Run bad = run("rules", "test", badPhase.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL stage 1 with nothing stated  (" + file + ", gray_10pct -> HOLD)",
                "    decision: expected ADVANCE, actual HOLD");
        assertThat(run.out()).anyMatch(l -> l.startsWith("    votes: HOLD statement: real_env_test_24h by \"Entry: "
                + "required statement is not yes\"") && l.contains("HOLD statement: alert_channel"));
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.out()).contains("ERROR " + badPhase + ": entry.phase: expected one of [AWAITING_DECISION, BASELINE, "
                + "COMPLETE, ROLLED_BACK, STAGE_RUNNING], got 'RUNNING'");
    }

    @Test
    @DisplayName("an entry scenario's last_rollback inside the cool-down refuses; one without ago is a bad file")
    void entryScenarioWithARollback(@TempDir Path dir) throws IOException {
        Path inside = write(dir, "cooldown.yaml", """
                name: an hour after a rollback with a 90m cool-down
                stage: gray_10pct
                entry:
                  phase: ROLLED_BACK
                  last_rollback: {stage: gray_10pct, ago: 1h, by: bob, reason: time-outs, cool_down: 90m}
                expect:
                  decision: ADVANCE
                """);
        Path noAgo = write(dir, "noago.yaml", """
                name: rollback without a time
                stage: gray_10pct
                entry:
                  last_rollback: {stage: gray_10pct}
                expect: {decision: HOLD}
                """);

        Run run = run("rules", "test", inside.toString());
        Run bad = run("rules", "test", noAgo.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).anyMatch(l -> l.startsWith("    votes: ")
                && l.contains("HOLD cool-down by \"Entry: cool-down after a rollback\""));
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.out()).contains("ERROR " + noAgo + ": entry.last_rollback.ago: missing; how long before the "
                + "start request the rollback was, e.g. 1h or 2d");
    }

    @Test
    @DisplayName("rules that do not compile or lint make rules test exit 2")
    void brokenRulesExitTwo(@TempDir Path dir) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("bad.drl"), """
                package graygate.rules;
                import io.graygate.facts.*;
                rule "no metadata"
                when
                    Stage()
                then
                end
                """);

        Run run = run("rules", "test", "--rules", rules.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).anyMatch(l -> l.startsWith(rules.resolve("bad.drl") + ":3:1: error: rule \"no metadata\" has no @kind"));
    }
}
