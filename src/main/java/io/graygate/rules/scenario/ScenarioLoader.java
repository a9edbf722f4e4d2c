package io.graygate.rules.scenario;

import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.YamlSection;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.decision.InputFacts;
import io.graygate.facts.Attestation;
import io.graygate.facts.ComputedSwitches;
import io.graygate.facts.OpenProblem;
import io.graygate.facts.Severity;
import io.graygate.decision.ObservationWindow;
import io.graygate.facts.Comparison;
import io.graygate.facts.Coverage;
import io.graygate.facts.DailyMetric;
import io.graygate.facts.DistributionShift;
import io.graygate.facts.GateParams;
import io.graygate.facts.Group;
import io.graygate.facts.LastRollback;
import io.graygate.facts.PriorGateState;
import io.graygate.facts.MetricSummary;
import io.graygate.facts.Stage;
import io.graygate.facts.StageDecision;
import io.graygate.facts.StageEntry;
import io.graygate.facts.Verdict;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads scenario files. A file holds one scenario (top-level {@code name}, {@code facts}, {@code expect})
 * or several under {@code scenarios:}, with an optional file-wide {@code stage} and {@code base_facts}
 * that every scenario starts from; a scenario's own facts replace base facts with the same metric,
 * symbol (and group or day). The format is described in docs/RULES.md.
 */
public final class ScenarioLoader {
    /** The day every scenario's window ends on unless it says otherwise; rules never read the calendar. */
    static final LocalDate DEFAULT_AS_OF = LocalDate.of(2026, 1, 31);
    /** Samples a fact stands for unless given: plenty, so the numbers are judged rather than their count. */
    static final long DEFAULT_SAMPLES = 100;

    private static final Set<String> FILE_KEYS = Set.of("stage", "base_facts", "scenarios", "description", "gate", "prior");
    private static final Set<String> SCENARIO_KEYS = Set.of("name", "description", "stage", "observed_days", "as_of",
            "facts", "expect", "entry", "gate", "prior");
    private static final Set<String> ENTRY_KEYS = Set.of("phase", "running", "statements", "decisions", "open_problems",
            "last_rollback");
    private static final Set<String> PHASES = Set.of("BASELINE", "STAGE_RUNNING", "AWAITING_DECISION", "ROLLED_BACK",
            "COMPLETE");
    private static final Set<String> FACT_KEYS = Set.of("summaries", "daily", "comparisons", "shifts", "insufficient",
            "statements", "open_problems", "computed_switches");

    private final ReleaseConfig release;

    public ScenarioLoader(ReleaseConfig release) {
        this.release = release;
    }

    public List<Scenario> load(Path file) {
        YamlSection root = YamlSection.read(file);
        if (!root.has("scenarios")) {
            return List.of(scenario(root, null, null, root));
        }
        root.allowOnly(FILE_KEYS);
        String fileStage = root.scalarText("stage", null);
        YamlSection baseFacts = root.has("base_facts") ? root.section("base_facts") : null;
        List<YamlSection> items = root.mappings("scenarios");
        if (items.isEmpty()) {
            throw root.error("scenarios", "expected at least one scenario");
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (YamlSection item : items) {
            scenarios.add(scenario(item, fileStage, baseFacts, root));
        }
        return scenarios;
    }

    /** @param file the file's top level, whose {@code gate} and {@code prior} apply unless the scenario has its own */
    private Scenario scenario(YamlSection s, String fileStage, YamlSection baseFacts, YamlSection file) {
        s.allowOnly(SCENARIO_KEYS);
        String name = s.scalarText("name");
        String stageName = s.scalarText("stage", fileStage);
        if (stageName == null) {
            throw s.error("stage", "missing; name a stage of " + release.file() + ": " + stageNames());
        }
        StageConfig stage = release.stage(stageName).orElseThrow(() -> s.error("stage",
                "no stage named '" + stageName + "'; known stages: " + stageNames()));
        int observed = s.integer("observed_days", 1, 366, stage.observationDays());
        LocalDate asOf = date(s, "as_of");
        ObservationWindow window = ObservationWindow.of(asOf, asOf.minusDays(observed - 1L), stage.observationDays());
        FactSet facts = new FactSet();
        facts.stageName = stage.name();
        if (baseFacts != null) {
            readFacts(baseFacts, window, facts);
        }
        readFacts(s.optionalSection("facts"), window, facts);
        for (String metric : facts.insufficient) {
            if (!stage.requiredMetrics().contains(metric)) {
                throw s.error("facts.insufficient", "'" + metric + "' is not a required metric of stage " + stage.name()
                        + ", so its coverage is never checked");
            }
        }
        if (s.has("entry") && s.has("facts")) {
            throw s.error("entry", "an entry scenario (a stage asked to start) takes its facts under entry, not facts");
        }
        List<Object> entryFacts = s.has("entry") ? entryFacts(s.section("entry"), stage, window) : null;
        InputFacts inputs = facts.build(stageFact(stage, window), stage, window)
                .withGate(gateParams(s.has("gate") ? s : file, stage), prior(s.has("prior") ? s : file));
        return new Scenario(s.file(), name, stage, window, inputs, expectation(s.section("expect")), entryFacts);
    }

    // ---------------------------------------------------------------- entry scenarios

    /**
     * The facts of an entry check (rules/entry.drl): the release's phase and running stage (by default the
     * previous stage running, or baseline for stage 1), the statements for the stage to start, the meeting's
     * decisions on the previous stage and its open problems.
     */
    private List<Object> entryFacts(YamlSection e, StageConfig stage, ObservationWindow window) {
        e.allowOnly(ENTRY_KEYS);
        String previous = stage.number() == 1 ? "" : release.stages().get(stage.number() - 2).name();
        String phase = e.scalarText("phase", stage.number() == 1 ? "BASELINE" : "STAGE_RUNNING").toUpperCase(Locale.ROOT);
        if (!PHASES.contains(phase)) {
            throw e.error("phase", "expected one of " + new java.util.TreeSet<>(PHASES) + ", got '" + phase + "'");
        }
        String running = e.scalarText("running", phase.equals("BASELINE") || phase.equals("ROLLED_BACK") ? "" : previous);
        if (!running.isEmpty() && release.stage(running).isEmpty()) {
            throw e.error("running", "no stage named '" + running + "'; known stages: " + stageNames());
        }
        java.time.Instant at = window.end().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        int runningNumber = running.isEmpty() ? 0 : release.requireStage(running).number();
        List<Object> facts = new ArrayList<>();
        facts.add(new StageEntry(release.name(), stage.name(), stage.number(), previous, phase, running, runningNumber,
                running.isEmpty() ? null : at, "scenario: " + phase + (running.isEmpty() ? "" : " in " + running)));
        Map<String, Attestation> statements = new LinkedHashMap<>();
        for (YamlSection a : e.mappings("statements")) {
            a.allowOnly(Set.of("check", "value", "by", "note"));
            statements.put(a.scalarText("check"), new Attestation(stage.name(), a.scalarText("check"),
                    yesNo(a, "value"), a.scalarText("by", "scenario"), a.scalarText("note", ""), at));
        }
        facts.addAll(statements.values());
        for (YamlSection d : e.mappings("decisions")) {
            d.allowOnly(Set.of("evaluation", "recommendation", "approved", "by", "reason"));
            Verdict recommendation = verdict(d, "recommendation");
            boolean approved = yesNo(d, "approved");
            facts.add(new StageDecision(d.integer("evaluation", 1, Integer.MAX_VALUE, facts.size()), previous,
                    recommendation, approved, approved ? recommendation : Verdict.HOLD, d.scalarText("by", "scenario"),
                    d.scalarText("reason", "scenario"), at));
        }
        for (YamlSection p : e.mappings("open_problems")) {
            p.allowOnly(Set.of("code", "severity", "metric", "symbol", "title"));
            facts.add(new OpenProblem(facts.size(), previous, p.scalarText("symbol", ""), p.scalarText("metric", ""),
                    p.scalarText("code"), Severity.valueOf(p.scalarText("severity", "warning").toUpperCase(Locale.ROOT)),
                    p.scalarText("title", p.scalarText("code")), window.start()));
        }
        if (e.has("last_rollback")) {
            facts.add(lastRollback(e.section("last_rollback"), stage, at));
        }
        return facts;
    }

    /**
     * The latest rollback of a running stage, {@code ago} before the start is asked for (the window's end);
     * the stage defaults to the one asked for, the cool-down to that stage's {@code gate.cool_down}.
     */
    private LastRollback lastRollback(YamlSection r, StageConfig stage, Instant requestedAt) {
        r.allowOnly(Set.of("stage", "ago", "by", "reason", "cool_down"));
        String rolledBack = r.scalarText("stage", stage.name());
        StageConfig config = release.stage(rolledBack).orElseThrow(() -> r.error("stage",
                "no stage named '" + rolledBack + "'; known stages: " + stageNames()));
        if (!r.has("ago")) {
            throw r.error("ago", "missing; how long before the start request the rollback was, e.g. 1h or 2d");
        }
        Duration ago = ConfigLoader.duration(r, "ago", Duration.ZERO);
        return new LastRollback(release.name(), rolledBack, requestedAt.minus(ago), r.scalarText("by", "scenario"),
                r.scalarText("reason", "scenario"), ConfigLoader.duration(r, "cool_down", config.gate().coolDown()),
                requestedAt);
    }

    private static boolean yesNo(YamlSection s, String key) {
        String text = s.scalarText(key);
        if (!text.equals("yes") && !text.equals("no")) {
            throw s.error(key, "expected yes or no (quoted: \"yes\"), got '" + text + "'");
        }
        return text.equals("yes");
    }

    private static Verdict verdict(YamlSection s, String key) {
        String text = s.scalarText(key);
        try {
            return Verdict.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw s.error(key, "expected ADVANCE, HOLD or ROLLBACK, got '" + text + "'");
        }
    }

    /** The stage config's gate parameters, with the scenario's (or file's) {@code gate} keys replacing them. */
    private static GateParams gateParams(YamlSection owner, StageConfig stage) {
        int passes = stage.gate().minConsecutivePasses();
        int limit = stage.gate().failureLimit();
        if (owner.has("gate")) {
            YamlSection g = owner.section("gate");
            g.allowOnly(Set.of("min_consecutive_passes", "failure_limit"));
            passes = g.integer("min_consecutive_passes", 1, 366, passes);
            limit = g.integer("failure_limit", 1, 366, limit);
        }
        return new GateParams(stage.name(), passes, limit);
    }

    /** The streaks the previous evaluation left; none (zero) unless the scenario (or file) states them. */
    private static PriorGateState prior(YamlSection owner) {
        if (!owner.has("prior")) {
            return PriorGateState.none();
        }
        YamlSection p = owner.section("prior");
        p.allowOnly(Set.of("passes", "soft_failures", "last_decision"));
        String decision = p.scalarText("last_decision", "HOLD").toUpperCase(Locale.ROOT);
        if (!Set.of("ADVANCE", "HOLD", "ROLLBACK").contains(decision)) {
            throw p.error("last_decision", "expected ADVANCE, HOLD or ROLLBACK, got '" + decision + "'");
        }
        return new PriorGateState(0L, null, p.integer("passes", 0, 10_000, 0), p.integer("soft_failures", 0, 10_000, 0),
                decision);
    }

    private List<String> stageNames() {
        return release.stages().stream().map(StageConfig::name).toList();
    }

    private static LocalDate date(YamlSection s, String key) {
        String text = s.scalarText(key, DEFAULT_AS_OF.toString());
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw s.error(key, "expected a date as YYYY-MM-DD, got '" + text + "'");
        }
    }

    private Stage stageFact(StageConfig config, ObservationWindow window) {
        List<String> control = release.universe().stream().filter(sym -> !config.symbols().contains(sym)).toList();
        return new Stage(release.name(), config.name(), config.number(), config.trafficPercent(), config.symbols(),
                control, window.start(), window.end(), config.observationDays(), window.daysObserved(),
                config.throttleInQuiet());
    }

    // ---------------------------------------------------------------- facts

    private void readFacts(YamlSection f, ObservationWindow window, FactSet facts) {
        f.allowOnly(FACT_KEYS);
        for (YamlSection m : f.mappings("summaries")) {
            m.allowOnly(Set.of("metric", "symbol", "group", "samples", "days", "sum", "mean", "min", "max", "stddev", "p99"));
            Group group = group(m);
            MetricSummary summary = new MetricSummary(metric(m), group, m.scalarText("symbol", ""),
                    m.integer("samples", 0, Integer.MAX_VALUE, (int) DEFAULT_SAMPLES),
                    m.integer("days", 0, 366, window.daysObserved()), m.decimal("sum", 0), m.decimal("mean", 0),
                    m.decimal("min", 0), m.decimal("max", 0), m.decimal("stddev", 0), m.decimal("p99", 0));
            facts.summaries.put(summary.metric() + "|" + group + "|" + summary.symbol(), summary);
        }
        for (YamlSection d : f.mappings("daily")) {
            d.allowOnly(Set.of("metric", "symbol", "day", "samples", "sum", "mean", "max", "p99"));
            // Up to the stage's full period, so base facts serve scenarios that observe fewer days too.
            int lastDay = Math.max(window.daysObserved(), window.observationDays());
            int day = d.integer("day", 1, lastDay, 0);
            if (day == 0) {
                throw d.error("day", "missing; give the day of the window, 1 to " + lastDay);
            }
            DailyMetric daily = new DailyMetric(metric(d), d.scalarText("symbol", ""), window.start().plusDays(day - 1L),
                    d.integer("samples", 0, Integer.MAX_VALUE, (int) DEFAULT_SAMPLES), d.decimal("sum", 0),
                    d.decimal("mean", 0), d.decimal("max", 0), d.decimal("p99", 0));
            facts.daily.put(daily.metric() + "|" + daily.symbol() + "|" + daily.day(), daily);
        }
        for (YamlSection c : f.mappings("comparisons")) {
            Comparison comparison = comparison(c);
            facts.comparisons.put(comparison.metric() + "|" + comparison.symbol(), comparison);
        }
        for (YamlSection d : f.mappings("shifts")) {
            d.allowOnly(Set.of("metric", "symbol", "deviation"));
            Double deviation = d.optionalDecimal("deviation");
            if (deviation == null) {
                throw d.error("deviation", "missing");
            }
            DistributionShift shift = new DistributionShift(metric(d), d.scalarText("symbol", ""), 0, 0, 0, 0, deviation);
            facts.shifts.put(shift.metric() + "|" + shift.symbol(), shift);
        }
        List<String> insufficient = f.optionalScalarTexts("insufficient");
        for (int i = 0; i < insufficient.size(); i++) {
            if (release.catalogue().find(insufficient.get(i)).isEmpty()) {
                throw f.error("insufficient[" + i + "]", "unknown metric '" + insufficient.get(i) + "'");
            }
        }
        facts.insufficient.addAll(insufficient);
        for (YamlSection a : f.mappings("statements")) {
            a.allowOnly(Set.of("check", "value", "by"));
            facts.statements.put(a.scalarText("check"), new Attestation(facts.stageName, a.scalarText("check"),
                    a.scalarText("value").equals("yes"), a.scalarText("by", "scenario"), "", window.end().atStartOfDay(
                    java.time.ZoneOffset.UTC).toInstant()));
        }
        for (YamlSection p : f.mappings("open_problems")) {
            p.allowOnly(Set.of("code", "severity", "metric", "symbol"));
            facts.problems.add(new OpenProblem(facts.problems.size() + 1, facts.stageName, p.scalarText("symbol", ""),
                    p.scalarText("metric", ""), p.scalarText("code"), Severity.valueOf(p.scalarText("severity", "critical")
                    .toUpperCase(java.util.Locale.ROOT)), p.scalarText("code"), window.start()));
        }
        for (YamlSection c : f.mappings("computed_switches")) {
            c.allowOnly(Set.of("symbol", "day", "computed", "observed"));
            int day = c.integer("day", 1, Math.max(window.daysObserved(), window.observationDays()), 1);
            Double observed = c.optionalDecimal("observed");
            ComputedSwitches switches = new ComputedSwitches(c.scalarText("symbol"), window.start().plusDays(day - 1L),
                    c.integer("computed", 0, 100_000, 0), observed);
            facts.switches.put(switches.symbol() + "|" + switches.day(), switches);
        }
    }

    /** Either {@code change} (relative, -0.05 = 5% below) or both {@code stage} and {@code baseline} values. */
    private Comparison comparison(YamlSection c) {
        c.allowOnly(Set.of("metric", "symbol", "change", "stage", "baseline"));
        String metric = metric(c);
        String symbol = c.scalarText("symbol", "");
        Double change = c.optionalDecimal("change");
        if (change != null) {
            if (c.has("stage") || c.has("baseline")) {
                throw c.error("change", "give either change or stage and baseline, not both");
            }
            return Comparison.of(metric, symbol, 100 * (1 + change), 100);
        }
        for (String key : List.of("stage", "baseline")) {
            if (!c.has(key)) {
                throw c.error(key, "missing; give stage and baseline values, or the relative change");
            }
        }
        return Comparison.of(metric, symbol, c.decimal("stage", 0), c.decimal("baseline", 0));
    }

    private String metric(YamlSection m) {
        String metric = m.scalarText("metric");
        if (release.catalogue().find(metric).isEmpty()) {
            throw m.error("metric", "unknown metric '" + metric + "'; it is not in the metric catalogue");
        }
        return metric;
    }

    private static Group group(YamlSection m) {
        String text = m.scalarText("group", "stage");
        try {
            return Group.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw m.error("group", "expected stage or baseline, got '" + text + "'");
        }
    }

    // ---------------------------------------------------------------- expectations

    private static Expectation expectation(YamlSection e) {
        e.allowOnly(Set.of("decision", "reasons", "reasons_include", "fired", "fired_include", "fired_exclude"));
        Verdict verdict = verdict(e, "decision");
        for (String both : List.of("reasons", "fired")) {
            if (e.has(both) && e.has(both + "_include")) {
                throw e.error(both + "_include", "give either " + both + " (exact) or " + both + "_include, not both");
            }
        }
        return new Expectation(verdict, e.has("reasons") ? e.optionalScalarTexts("reasons") : e.optionalScalarTexts("reasons_include"),
                e.has("reasons"), e.has("fired") ? e.optionalScalarTexts("fired") : e.optionalScalarTexts("fired_include"), e.has("fired"),
                e.optionalScalarTexts("fired_exclude"));
    }

    /** Facts keyed by what identifies them, so a scenario's fact replaces the base fact it names. */
    private static final class FactSet {
        final Map<String, MetricSummary> summaries = new LinkedHashMap<>();
        final Map<String, DailyMetric> daily = new LinkedHashMap<>();
        final Map<String, Comparison> comparisons = new LinkedHashMap<>();
        final Map<String, DistributionShift> shifts = new LinkedHashMap<>();
        final List<String> insufficient = new ArrayList<>();
        final Map<String, Attestation> statements = new LinkedHashMap<>();
        final List<OpenProblem> problems = new ArrayList<>();
        final Map<String, ComputedSwitches> switches = new LinkedHashMap<>();
        String stageName = "";

        /** Every required metric counts as sufficiently covered unless the scenario lists it as insufficient. */
        InputFacts build(Stage stage, StageConfig config, ObservationWindow window) {
            List<Coverage> coverage = config.requiredMetrics().stream().map(metric -> new Coverage(metric, Group.STAGE,
                    "", DEFAULT_SAMPLES, 1, window.daysObserved(), window.daysObserved(),
                    !insufficient.contains(metric))).toList();
            return new InputFacts(stage, List.copyOf(summaries.values()), List.copyOf(daily.values()),
                    List.copyOf(comparisons.values()), List.copyOf(shifts.values()), coverage,
                    List.copyOf(switches.values()), List.copyOf(problems), List.copyOf(statements.values()));
        }
    }
}
