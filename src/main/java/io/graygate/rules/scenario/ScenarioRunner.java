package io.graygate.rules.scenario;

import io.graygate.platform.config.ConfigException;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.decision.CastVote;
import io.graygate.decision.Evaluation;
import io.graygate.evaluation.EvaluateStage;
import io.graygate.evaluation.SessionRun;
import io.graygate.facts.Verdict;
import io.graygate.facts.VoteKind;
import io.graygate.release.EntryRules;
import io.graygate.rules.RuleSet;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs scenarios against a rule set, as a test runner does: one line per scenario, the differences of a
 * failed one, a summary and the rule coverage. No database is involved: the facts come from the files and
 * go through the same decision path as a stored evaluation.
 */
public final class ScenarioRunner {
    public static final int EXIT_PASSED = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_ERROR = 2;
    private static final String ENGINE_VERSION = "scenario";

    private final ScenarioLoader loader;
    private final RuleSet rules;
    /** rules/entry.drl in a rule base of its own, compiled for the first entry scenario. */
    private RuleSet entryRules;

    public ScenarioRunner(ReleaseConfig release, RuleSet rules) {
        this.loader = new ScenarioLoader(release);
        this.rules = rules;
    }

    /** The {@code *.yaml} and {@code *.yml} files under a directory, sorted; none when it does not exist. */
    public static List<Path> scenarioFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list scenarios in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs every scenario of the files and prints the report.
     *
     * @param minCoveragePercent fail when fewer rules fired than this, or null for no minimum
     * @return 0 all passed, 1 a scenario failed or coverage is too low, 2 a file could not be used
     */
    public int run(List<Path> files, Double minCoveragePercent, PrintWriter out) {
        List<ScenarioResult> results = new ArrayList<>();
        int unusable = 0;
        if (files.isEmpty()) {
            out.println("error: no scenario files");
            unusable++;
        }
        for (Path file : files) {
            try {
                for (Scenario scenario : loader.load(file)) {
                    ScenarioResult result = run(scenario);
                    report(result, out);
                    results.add(result);
                }
            } catch (ConfigException e) {
                out.println("ERROR " + e.getMessage());
                unusable++;
            }
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println((results.size() - failed) + " passed, " + failed + " failed"
                + (unusable == 0 ? "" : ", " + unusable + " file(s) with errors"));
        boolean coverageMet = reportCoverage(results, minCoveragePercent, out);
        out.flush();
        if (unusable > 0) {
            return EXIT_ERROR;
        }
        return failed > 0 || !coverageMet ? EXIT_FAILED : EXIT_PASSED;
    }

    public ScenarioResult run(Scenario scenario) {
        Evaluation evaluation = scenario.entry() ? entry(scenario)
                : EvaluateStage.decide(scenario.facts(), rules, scenario.window(), scenario.stage(), ENGINE_VERSION);
        return new ScenarioResult(scenario, evaluation, differences(scenario.expect(), evaluation));
    }

    /**
     * An entry scenario runs rules/entry.drl alone, as {@code graygate stage start} does; its outcome reads
     * as a decision: ADVANCE when the stage may start, HOLD when an unmet condition refuses it.
     */
    private Evaluation entry(Scenario scenario) {
        if (entryRules == null) {
            entryRules = EntryRules.within(rules).orElseThrow(() -> new ConfigException(scenario.file(),
                    "entry", "an entry scenario needs " + EntryRules.FILE + " in the rules"));
        }
        SessionRun run = EntryRules.run(entryRules, scenario.entryFacts());
        List<CastVote> unmet = run.votes().stream().filter(v -> v.vote().kind() == VoteKind.ENTRY).toList();
        Verdict decision = unmet.isEmpty() ? Verdict.ADVANCE : Verdict.HOLD;
        return new Evaluation(null, scenario.facts().stage().release(), scenario.stage().name(), scenario.stage().number(),
                scenario.window().end(), scenario.window(), decision, run.votes(), run.firings(), run.facts(),
                rules.sha256(), ENGINE_VERSION, Map.of());
    }

    static List<String> differences(Expectation expect, Evaluation evaluation) {
        List<String> differences = new ArrayList<>();
        if (expect.decision() != evaluation.decision()) {
            differences.add("decision: expected " + expect.decision() + ", actual " + evaluation.decision());
        }
        Set<String> reasons = new TreeSet<>(evaluation.reasons().stream().map(v -> v.vote().code()).toList());
        compare("reasons", expect.reasons(), expect.reasonsExact(), reasons, differences);
        Set<String> fired = new TreeSet<>(evaluation.firings().stream().map(f -> f.rule()).toList());
        compare("fired rules", expect.fired(), expect.firedExact(), fired, differences);
        List<String> firedButExcluded = expect.notFired().stream().filter(fired::contains).toList();
        if (!firedButExcluded.isEmpty()) {
            differences.add("fired rules that must not fire: " + quoted(firedButExcluded));
        }
        return differences;
    }

    private static void compare(String what, List<String> expected, boolean exact, Set<String> actual,
                                List<String> differences) {
        List<String> missing = expected.stream().filter(e -> !actual.contains(e)).toList();
        List<String> unexpected = exact ? actual.stream().filter(a -> !expected.contains(a)).toList() : List.of();
        if (!missing.isEmpty()) {
            differences.add("missing " + what + ": " + quoted(missing) + "; actual: " + quoted(actual));
        }
        if (!unexpected.isEmpty()) {
            differences.add("unexpected " + what + ": " + quoted(unexpected));
        }
    }

    private static String quoted(Collection<String> values) {
        return values.isEmpty() ? "(none)" : String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList());
    }

    private static void report(ScenarioResult result, PrintWriter out) {
        Scenario s = result.scenario();
        out.println((result.passed() ? "PASS " : "FAIL ") + s.name() + "  (" + s.file() + ", " + s.stage().name()
                + " -> " + result.evaluation().decision() + ")");
        if (!result.passed()) {
            result.differences().forEach(d -> out.println("    " + d));
            out.println("    votes: " + describe(result.evaluation().votes()));
        }
    }

    private static String describe(List<CastVote> votes) {
        return String.join("; ", votes.stream().map(v -> v.vote().verdict() + " " + v.vote().code() + " by \""
                + v.rule() + "\"").toList());
    }

    /** Prints which rules fired in some scenario; false when below the minimum asked for. */
    private boolean reportCoverage(List<ScenarioResult> results, Double minPercent, PrintWriter out) {
        Set<String> fired = new TreeSet<>();
        results.forEach(r -> fired.addAll(r.firedRules()));
        // Mode-switch rules run in their own rule base over activity runs (graygate modes / tune), not in a
        // stage evaluation; the jqwik properties against the plain-Java state machine cover them.
        List<String> counted = rules.rules().values().stream().filter(r -> !r.kind().equals("hysteresis"))
                .map(r -> r.name()).toList();
        List<String> never = counted.stream().filter(name -> !fired.contains(name)).toList();
        int total = counted.size();
        double percent = total == 0 ? 100.0 : 100.0 * (total - never.size()) / total;
        out.println("rule coverage: " + (total - never.size()) + " of " + total + " rules fired ("
                + String.format(Locale.ROOT, "%.1f", percent) + "%)");
        never.forEach(name -> out.println("    never fired: " + name + "  [" + rules.rules().get(name).file() + "]"));
        if (minPercent != null && percent + 1e-9 < minPercent) {
            out.println("rule coverage " + String.format(Locale.ROOT, "%.1f", percent) + "% is below the minimum "
                    + String.format(Locale.ROOT, "%.1f", minPercent) + "%");
            return false;
        }
        return true;
    }
}
