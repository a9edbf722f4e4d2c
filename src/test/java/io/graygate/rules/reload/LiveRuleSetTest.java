package io.graygate.rules.reload;

import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The live rule set of {@code serve}: what is swapped in, what is refused, and what readers see meanwhile. */
@DisplayName("LiveRuleSet (hot reload)")
public class LiveRuleSetTest {
    private static final ReleaseConfig RELEASE = ConfigLoader.load(Path.of("config/release.yaml"));

    @TempDir
    Path rules;
    private final List<String> recorded = new CopyOnWriteArrayList<>();
    private LiveRuleSet live;

    @BeforeEach
    void copyShippedRules() throws IOException {
        copy(Path.of("rules"), rules);
        live = new LiveRuleSet(rules, List.of(new ScenarioGate(RELEASE, rules.resolve("tests"))),
                (set, by) -> recorded.add(set.sha256() + " " + by), Clock.systemUTC());
        assertThat(live.reload("test:start").outcome()).isEqualTo(ReloadResult.Outcome.SWAPPED);
    }

    @Test
    @DisplayName("a valid change is checked, stored as a version and swapped in")
    void validChangeSwappedIn() throws IOException {
        String before = live.get().sha256();
        append("gates.drl", "\n// reviewed by the analysts\n");

        ReloadResult result = live.reload("serve:reload");

        assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.SWAPPED);
        assertThat(result.problems()).isEmpty();
        assertThat(live.get().sha256()).isNotEqualTo(before).isEqualTo(result.candidateSha256())
                .isEqualTo(RuleLoader.ruleSetSha256(RuleLoader.read(rules)));
        assertThat(live.live().orElseThrow().loadedBy()).isEqualTo("serve:reload");
        assertThat(recorded).containsExactly(before + " test:start", live.get().sha256() + " serve:reload");
        assertThat(live.lastRefused()).isEmpty();
    }

    @Test
    @DisplayName("the same SHA-256 as the live set is a no-op: nothing compiled, stored or swapped")
    void sameShaIsNoOp() {
        RuleSet before = live.get();

        ReloadResult result = live.reload("serve:reload");

        assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.UNCHANGED);
        assertThat(live.get()).isSameAs(before);
        assertThat(recorded).hasSize(1);
    }

    @Test
    @DisplayName("a compile error is refused with FILE:LINE, logged as the last refused candidate; the live set stays")
    void compileErrorRefused() throws IOException {
        RuleSet before = live.get();
        int line = lineCount("gates.drl") + 2;
        append("gates.drl", "\nrule \"broken\" @kind(gate) @description(\"x\") when Stage( then end\n");

        ReloadResult result = live.reload("serve:reload");

        assertRefused(result, before);
        assertThat(result.problems()).anyMatch(p -> p.startsWith(rules.resolve("gates.drl") + ":" + line + ":"));
        RefusedCandidate refused = live.lastRefused().orElseThrow();
        assertThat(refused.sha256()).isEqualTo(result.candidateSha256()).isNotEqualTo(before.sha256());
        assertThat(refused.problems()).isEqualTo(result.problems());
        assertThat(refused.requestedBy()).isEqualTo("serve:reload");
    }

    @Test
    @DisplayName("a lint error (System.exit in a consequence) is refused though it compiles")
    void lintErrorRefused() throws IOException {
        RuleSet before = live.get();
        append("alerts.drl", """

                rule "leaves the JVM"
                    @kind(alert) @description("never allowed") @severity(warning)
                when
                    Stage(number == 99)
                then
                    System.exit(3);
                end
                """);

        ReloadResult result = live.reload("serve:reload");

        assertRefused(result, before);
        assertThat(result.problems()).anyMatch(p -> p.startsWith(rules.resolve("alerts.drl") + ":") && p.contains("System"));
    }

    @Test
    @DisplayName("a change that compiles but fails a scenario is refused, naming the scenario")
    void scenarioFailureRefused() throws IOException {
        RuleSet before = live.get();
        String gates = Files.readString(rules.resolve("gates.drl"));
        assertThat(gates).contains("$m.p99() <= 100,");
        Files.writeString(rules.resolve("gates.drl"), gates.replace("$m.p99() <= 100,", "$m.p99() <= 1,"));

        ReloadResult result = live.reload("serve:reload");

        assertRefused(result, before);
        assertThat(result.problems()).isNotEmpty().allMatch(p -> p.startsWith("scenario '") && p.contains(" failed: "));
        assertThat(RuleLoader.check(rules).hasErrors()).as("the candidate itself compiles and lints clean").isFalse();
    }

    @Test
    @DisplayName("a candidate without scenarios is refused")
    void noScenariosRefused() throws IOException {
        RuleSet before = live.get();
        try (Stream<Path> files = Files.list(rules.resolve("tests"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        append("gates.drl", "\n// untested\n");

        ReloadResult result = live.reload("serve:reload");

        assertRefused(result, before);
        assertThat(result.problems()).singleElement().asString().contains("no scenario files");
    }

    @Test
    @DisplayName("with no acceptable set at start nothing is live and get() says why")
    void nothingLiveWhenFirstCandidateRefused(@TempDir Path empty) {
        LiveRuleSet none = new LiveRuleSet(empty, List.of(), (set, by) -> recorded.add(by), Clock.systemUTC());

        ReloadResult result = none.reload("test:start");

        assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.REFUSED);
        assertThat(result.candidateSha256()).isNull();
        assertThat(none.live()).isEmpty();
        assertThatThrownBy(none::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("no .drl files");
    }

    @Test
    @DisplayName("readers concurrent with swaps always see one whole set, the old or the new")
    void readersSeeWholeSets() throws Exception {
        String original = Files.readString(rules.resolve("gates.drl"));
        String a = live.get().sha256();
        AtomicBoolean swapping = new AtomicBoolean(true);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> inconsistencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService readers = Executors.newFixedThreadPool(2);
        List<Future<Integer>> reads = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            reads.add(readers.submit(() -> {
                int count = 0;
                while (swapping.get() || count == 0) {
                    RuleSet set = live.get();   // taken once, as an evaluation does
                    seen.add(set.sha256());
                    String fromFiles = RuleLoader.ruleSetSha256(set.files());
                    Set<String> inBase = set.kieBase().packages().stream()
                            .flatMap(p -> p.getRules().stream()).map(rule -> rule.getName()).collect(Collectors.toSet());
                    if (!fromFiles.equals(set.sha256()) || !inBase.equals(set.rules().keySet())) {
                        inconsistencies.add(set.sha256());
                    }
                    count++;
                }
                return count;
            }));
        }
        List<String> swappedIn = new ArrayList<>(List.of(a));
        try {
            for (int i = 1; i <= 3; i++) {
                Files.writeString(rules.resolve("gates.drl"), original + "\n// revision " + i + "\n");
                ReloadResult result = live.reload("serve:reload");
                assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.SWAPPED);
                swappedIn.add(result.candidateSha256());
            }
        } finally {
            swapping.set(false);
        }
        int totalReads = 0;
        for (Future<Integer> read : reads) {
            totalReads += read.get();
        }
        readers.shutdown();

        assertThat(totalReads).isPositive();
        assertThat(inconsistencies).isEmpty();
        assertThat(swappedIn).containsAll(seen);
        assertThat(live.get().sha256()).isEqualTo(swappedIn.get(swappedIn.size() - 1));
    }

    @Test
    @DisplayName("the watcher reloads once a change has been seen by two polls in a row (debounce)")
    void watcherDebounces() throws IOException {
        RulesWatcher watcher = new RulesWatcher(live);
        String before = live.get().sha256();
        assertThat(watcher.poll()).as("nothing changed").isEmpty();

        append("gates.drl", "\n// edit in progress\n");
        assertThat(watcher.poll()).as("first sight of a change: wait for it to settle").isEmpty();
        append("gates.drl", "// edit finished\n");
        assertThat(watcher.poll()).as("still changing").isEmpty();
        ReloadResult result = watcher.poll().orElseThrow();

        assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.SWAPPED);
        assertThat(live.get().sha256()).isNotEqualTo(before);
        assertThat(live.live().orElseThrow().loadedBy()).isEqualTo(RulesWatcher.LOADED_BY);
        assertThat(watcher.poll()).as("acted on once").isEmpty();
    }

    @Test
    @DisplayName("the watcher also reacts to a scenario file change; the rule set SHA is unchanged then")
    void watcherSeesScenarioChange() throws IOException {
        RulesWatcher watcher = new RulesWatcher(live);
        Files.writeString(rules.resolve("tests/extra.yaml"), Files.readString(rules.resolve("tests/alerts.yaml")));

        assertThat(watcher.poll()).isEmpty();
        assertThat(watcher.poll().orElseThrow().outcome()).isEqualTo(ReloadResult.Outcome.UNCHANGED);
    }

    private void assertRefused(ReloadResult result, RuleSet before) {
        assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.REFUSED);
        assertThat(result.problems()).isNotEmpty();
        assertThat(result.liveSha256()).isEqualTo(before.sha256());
        assertThat(live.get()).isSameAs(before);
        assertThat(recorded).hasSize(1);
        assertThat(live.lastRefused()).isPresent();
    }

    private void append(String file, String text) throws IOException {
        Files.writeString(rules.resolve(file), Files.readString(rules.resolve(file)) + text);
    }

    private int lineCount(String file) throws IOException {
        return (int) Files.readString(rules.resolve(file)).lines().count();
    }

    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
