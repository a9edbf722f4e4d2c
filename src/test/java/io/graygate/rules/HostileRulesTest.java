package io.graygate.rules;

import io.graygate.tools.cli.Main;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.rules.reload.LiveRuleSet;
import io.graygate.rules.reload.ReloadResult;
import io.graygate.rules.reload.ScenarioGate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every file of {@code src/test/resources/hostile} tries to reach outside the fact model one way (see the comment
 * at its top). Each must be refused by {@code rules check} with exit 2 naming its file and a line, refused by
 * {@code rules test} and by the loading that {@code evaluate}, {@code replay}, {@code modes} and {@code demo}
 * use, and refused by a hot reload that leaves the live set as it was; and none of its code may have run: the
 * canaries it would leave (a system property "graygate.canary.*", a file /tmp/graygate-canary-*) must be absent.
 */
@DisplayName("hostile rule files")
class HostileRulesTest {
    private static final Path CORPUS = Path.of("src/test/resources/hostile");
    private static final Pattern PLACE = Pattern.compile("^(.+\\.drl):(\\d+):\\d+: error: ", Pattern.MULTILINE);

    @BeforeAll
    static void noCanaryBefore() throws IOException {
        clearCanaryFiles();
        assertNoCanary();
    }

    @AfterAll
    static void noCanaryAfter() throws IOException {
        assertNoCanary();
    }

    static Stream<Path> hostileFiles() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".drl")).sorted().toList().stream();
        }
    }

    @Test
    @DisplayName("the corpus holds at least 40 attack classes")
    void corpusSize() throws IOException {
        assertThat(hostileFiles().count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    @DisplayName("refused by rules check (exit 2, FILE:LINE) and by loading, and nothing of it ran")
    void refusedEverywhere(Path hostile, @TempDir Path dir) throws IOException {
        Path file = Files.copy(hostile, dir.resolve(hostile.getFileName()));
        long lines = Files.readAllLines(file).size();

        StringWriter err = new StringWriter();
        int exit = Main.run(new String[]{"rules", "check", "--rules", dir.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));

        assertThat(exit).as(err.toString()).isEqualTo(2);
        Matcher place = PLACE.matcher(err.toString());
        assertThat(place.find()).as(err.toString()).isTrue();
        assertThat(place.group(1)).isEqualTo(file.toString());
        assertThat(Integer.parseInt(place.group(2))).isBetween(1, (int) lines);

        assertThat(catchThrowableOfType(RuleCompileException.class, () -> RuleLoader.load(dir))).isNotNull();
        assertNoCanary();
    }

    @Test
    @DisplayName("rules test over the whole corpus refuses to run (exit 2), and nothing of it ran")
    void rulesTestRefuses(@TempDir Path dir) throws IOException {
        for (Path hostile : hostileFiles().toList()) {
            Files.copy(hostile, dir.resolve(hostile.getFileName()));
        }
        Files.createDirectories(dir.resolve("tests"));
        Files.copy(Path.of("rules/tests/entry.yaml"), dir.resolve("tests/entry.yaml"));

        assertThat(Main.run(new String[]{"rules", "test", "--rules", dir.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()))).isEqualTo(2);
        assertNoCanary();
    }

    @Test
    @DisplayName("a hot reload refuses each hostile file before its scenarios run, and the live set stays")
    void hotReloadRefuses(@TempDir Path dir) throws IOException {
        ReleaseConfig release = ConfigLoader.load(Path.of("config/release.yaml"));
        // The live set is the entry rules and their scenarios: small, so that each reload compiles little.
        Path rules = Files.createDirectories(dir.resolve("rules/tests"));
        rules = rules.getParent();
        Files.copy(Path.of("rules/entry.drl"), rules.resolve("entry.drl"));
        Files.copy(Path.of("rules/tests/entry.yaml"), rules.resolve("tests/entry.yaml"));
        LiveRuleSet live = new LiveRuleSet(rules, List.of(new ScenarioGate(release, rules.resolve("tests"))),
                (set, by) -> { }, Clock.systemUTC(), RuleCatalogue.of(release));
        assertThat(live.reload("test").outcome()).isEqualTo(ReloadResult.Outcome.SWAPPED);
        String liveSha = live.get().sha256();

        for (Path hostile : hostileFiles().toList()) {
            Path added = Files.copy(hostile, rules.resolve(hostile.getFileName()));
            ReloadResult result = live.reload("watcher");
            assertThat(result.outcome()).as(hostile.toString()).isEqualTo(ReloadResult.Outcome.REFUSED);
            assertThat(result.problems()).as(hostile.toString()).anySatisfy(p -> assertThat(p).contains(added.toString()));
            assertThat(live.get().sha256()).isEqualTo(liveSha);
            Files.delete(added);
            assertNoCanary();
        }
    }

    @Test
    @DisplayName("a metric or stage the config does not have is an error naming the file and line")
    void unknownMetricAndStage(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("typo.drl"), """
                package graygate.rules;
                import io.graygate.facts.*;
                rule "typo"
                    @kind(rollback) @trigger(hard) @description("crash, misspelt")
                when
                    Stage(name == "gray_10pc")
                    $m : MetricSummary(metric == "crash_cuont", sum > 0)
                    Stage(number == 7)
                then
                    insert(Vote.rollback("CRASH", "crashed", "crash_count", $m.sum(), "= 0"));
                end
                """);
        StringWriter err = new StringWriter();

        assertThat(Main.run(new String[]{"rules", "check", "--rules", dir.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err))).isEqualTo(2);
        assertThat(err.toString()).contains(file + ":6:1: error: rule \"typo\" matches stage \"gray_10pc\"")
                .contains(file + ":7:1: error: rule \"typo\" matches metric \"crash_cuont\"")
                .contains(file + ":8:1: error: rule \"typo\" matches stage number 7");
    }

    private static void assertNoCanary() throws IOException {
        assertThat(System.getProperties().stringPropertyNames()).noneMatch(n -> n.startsWith("graygate.canary"));
        try (Stream<Path> tmp = Files.list(Path.of("/tmp"))) {
            assertThat(tmp.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("graygate-canary"));
        }
    }

    private static void clearCanaryFiles() throws IOException {
        try (Stream<Path> tmp = Files.list(Path.of("/tmp"))) {
            for (Path p : tmp.filter(p -> p.getFileName().toString().startsWith("graygate-canary")).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
