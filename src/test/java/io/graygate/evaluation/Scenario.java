package io.graygate.evaluation;

import io.graygate.decision.InputFacts;
import io.graygate.decision.ObservationWindow;

import io.graygate.platform.config.BaselineComparison;
import io.graygate.platform.config.MetricSpec;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.facts.Attestation;
import io.graygate.facts.Comparison;
import io.graygate.facts.Coverage;
import io.graygate.facts.DailyMetric;
import io.graygate.facts.DistributionShift;
import io.graygate.facts.Group;
import io.graygate.facts.MetricSummary;
import io.graygate.facts.PriorGateState;
import io.graygate.facts.Stage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test data for one stage evaluation, built by hand the way {@link FactBuilder} would build it from
 * the database: start from {@link #healthy} (every advance condition met, no alert, no trigger, a
 * complete observation window and enough data for every required metric) and change one thing.
 *
 * <p>Scores compared with the baseline (OFI/CVD quality, strategy returns) use a baseline of
 * {@value #BASELINE_SCORE}, so a stage value of 97.9 reads directly as "2.1% below baseline".
 */
final class Scenario {
    static final double BASELINE_SCORE = 100.0;
    static final double GIB = 1024.0 * 1024 * 1024;
    static final LocalDate WINDOW_START = LocalDate.of(2025, 3, 3);

    private static final Set<String> EVENT_COUNTS = Set.of("crash_count", "severe_error_count",
            "critical_alert_count", "unexplained_anomaly_count", "fund_risk_event_count");
    private static final Set<String> SCORES = Set.of("ofi_signal_quality", "cvd_signal_quality",
            "strategy_return", "active_strategy_return");

    private final ReleaseConfig release;
    private final StageConfig config;
    /** The metrics that have facts; the stage's required metrics plus any a test sets. */
    private final Set<String> metrics;

    /** The days before were healthy: one more healthy evaluation completes the stage's pass streak. */
    private PriorGateState prior;
    private int daysObserved;
    private boolean throttleInQuiet;
    private boolean withMetricFacts = true;

    private final Map<String, Double> eventCounts = new HashMap<>();
    private final Map<Integer, Double> timeoutsByDay = new HashMap<>();
    private final Map<String, Map<Integer, Double>> modeSwitches = new HashMap<>();
    private static final double MODE_SWITCHES_PER_DAY = 6;
    private double paramUpdateP99 = 80;
    private double uptime = 1.0;
    private double cpu = 0.30;
    private double quietCpu = 0.20;
    private double quietCpuBaseline = 0.30;
    private double memoryPeak = 1.5 * GIB;
    private double dataLoss = 0;
    private double dataLossBaseline = 0;
    private double zscoreDeviation = 0.03;
    private final Map<String, Double> aggregateScores = new HashMap<>();
    private final Map<String, Double> aggregateBaselines = new HashMap<>();
    private final Map<String, Map<String, Double>> symbolScores = new HashMap<>();
    private final Set<String> insufficient = new HashSet<>();
    private final List<MetricSummary> baselineSummaries = new ArrayList<>();

    private Scenario(ReleaseConfig release, StageConfig config) {
        this.release = release;
        this.config = config;
        this.metrics = new LinkedHashSet<>(config.requiredMetrics());
        this.daysObserved = config.observationDays();
        this.throttleInQuiet = config.throttleInQuiet();
        this.prior = new PriorGateState(null, null, config.gate().minConsecutivePasses() - 1, 0, "HOLD");
    }

    /** The streaks the previous evaluation left (the default: a pass streak one short of the stage's minimum). */
    Scenario prior(int passes, int softFailures) {
        this.prior = new PriorGateState(null, null, passes, softFailures, passes > 0 ? "HOLD" : "");
        return this;
    }

    /** Every advance condition of the stage met, nothing alerting, the whole observation period observed. */
    static Scenario healthy(ReleaseConfig release, String stageName) {
        return new Scenario(release, release.requireStage(stageName));
    }

    StageConfig stageConfig() {
        return config;
    }

    List<String> symbols() {
        return config.symbols();
    }

    // ------------------------------------------------------------------ what a test changes

    Scenario daysObserved(int days) {
        this.daysObserved = days;
        return this;
    }

    Scenario throttleInQuiet(boolean on) {
        this.throttleInQuiet = on;
        return this;
    }

    /** Only the Stage fact and the coverage: no metric reached the rules. */
    Scenario withoutMetricFacts() {
        this.withMetricFacts = false;
        return this;
    }

    Scenario crashes(double count) {
        return eventCount("crash_count", count);
    }

    Scenario severeErrors(double count) {
        return eventCount("severe_error_count", count);
    }

    Scenario criticalAlertsRaised(double count) {
        return eventCount("critical_alert_count", count);
    }

    Scenario unexplainedAnomalies(double count) {
        return eventCount("unexplained_anomaly_count", count);
    }

    Scenario fundRiskEvents(double count) {
        return eventCount("fund_risk_event_count", count);
    }

    /** Parameter-update time-outs on one day of the window (1 = first day). */
    Scenario paramUpdateTimeoutsOnDay(int day, double count) {
        metrics.add("param_update_timeout_count");
        timeoutsByDay.put(day, count);
        return this;
    }

    /** Mode switches of one symbol on one day of the window (1 = first day); other days stay at 6. */
    Scenario modeSwitchesOnDay(String symbol, int day, double count) {
        metrics.add("mode_switch_count");
        modeSwitches.computeIfAbsent(symbol, s -> new HashMap<>()).put(day, count);
        return this;
    }

    /** Mode switches of one symbol on every day of the window. */
    Scenario modeSwitchesEveryDay(String symbol, double count) {
        for (int day = 1; day <= daysObserved; day++) {
            modeSwitchesOnDay(symbol, day, count);
        }
        return this;
    }

    Scenario paramUpdateP99(double ms) {
        metrics.add("param_update_latency_ms");
        this.paramUpdateP99 = ms;
        return this;
    }

    Scenario uptime(double ratio) {
        metrics.add("uptime_ratio");
        this.uptime = ratio;
        return this;
    }

    Scenario cpu(double ratio) {
        metrics.add("cpu_ratio");
        this.cpu = ratio;
        return this;
    }

    Scenario memoryPeak(double bytes) {
        metrics.add("memory_bytes");
        this.memoryPeak = bytes;
        return this;
    }

    Scenario quietCpu(double stage, double baseline) {
        metrics.add("quiet_cpu_ratio");
        this.quietCpu = stage;
        this.quietCpuBaseline = baseline;
        return this;
    }

    /** Data loss ratio of the stage (mean and worst sample) and of the baseline. */
    Scenario dataLoss(double stage, double baseline) {
        metrics.add("data_loss_ratio");
        this.dataLoss = stage;
        this.dataLossBaseline = baseline;
        return this;
    }

    Scenario zscoreDeviation(double deviation) {
        metrics.add("zscore");
        this.zscoreDeviation = deviation;
        return this;
    }

    /** The stage's score for the whole stage, against a baseline of {@value #BASELINE_SCORE}. */
    Scenario score(String metric, double stageValue) {
        return score(metric, stageValue, BASELINE_SCORE);
    }

    /** The stage's score for the whole stage against a baseline of another scale (e.g. 0.98 against 1.0). */
    Scenario score(String metric, double stageValue, double baselineValue) {
        requireScore(metric);
        metrics.add(metric);
        aggregateScores.put(metric, stageValue);
        aggregateBaselines.put(metric, baselineValue);
        return this;
    }

    /** One symbol's score, against a baseline of {@value #BASELINE_SCORE}; the stage as a whole unchanged. */
    Scenario symbolScore(String metric, String symbol, double stageValue) {
        requireScore(metric);
        metrics.add(metric);
        symbolScores.computeIfAbsent(metric, m -> new HashMap<>()).put(symbol, stageValue);
        return this;
    }

    Scenario ofiQuality(double stageValue) {
        return score("ofi_signal_quality", stageValue);
    }

    Scenario cvdQuality(double stageValue) {
        return score("cvd_signal_quality", stageValue);
    }

    Scenario strategyReturn(double stageValue) {
        return score("strategy_return", stageValue);
    }

    Scenario activeStrategyReturn(double stageValue) {
        return score("active_strategy_return", stageValue);
    }

    /** The stage's coverage of a required metric reports too little data. */
    Scenario insufficientData(String metric) {
        insufficient.add(metric);
        return this;
    }

    /** An extra summary of the baseline group (for example a crash of the baseline service). */
    Scenario baselineEventCount(String metric, double count) {
        baselineSummaries.add(summary(metric, Group.BASELINE, "", count, count, count));
        return this;
    }

    // ------------------------------------------------------------------ the facts

    ObservationWindow window() {
        return new ObservationWindow(WINDOW_START, WINDOW_START.plusDays(daysObserved - 1L), config.observationDays());
    }

    Stage stage() {
        ObservationWindow window = window();
        List<String> control = release.universe().stream().filter(s -> !config.symbols().contains(s)).toList();
        return new Stage(release.name(), config.name(), config.number(), config.trafficPercent(), config.symbols(),
                control, window.start(), window.end(), config.observationDays(), daysObserved, throttleInQuiet);
    }

    InputFacts facts() {
        List<MetricSummary> summaries = new ArrayList<>();
        List<DailyMetric> daily = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        List<DistributionShift> shifts = new ArrayList<>();
        if (withMetricFacts) {
            for (String metric : metrics) {
                addMetric(metric, summaries, daily, comparisons, shifts);
            }
            summaries.addAll(baselineSummaries);
        }
        return new InputFacts(stage(), summaries, daily, comparisons, shifts, coverage())
                .withPeople(List.of(), statements())
                .withGate(null, prior);
    }

    /** People's statements a healthy stage has: stage 2 positive feedback, stage 3 the team's agreement. */
    private List<Attestation> statements() {
        String check = switch (config.number()) {
            case 2 -> "business_feedback_positive";
            case 3 -> "team_accepts_default";
            default -> null;
        };
        return check == null ? List.of() : List.of(new Attestation(config.name(), check, true, "test lead", "",
                java.time.Instant.parse("2025-03-01T09:00:00Z")));
    }

    private void addMetric(String metric, List<MetricSummary> summaries, List<DailyMetric> daily,
                           List<Comparison> comparisons, List<DistributionShift> shifts) {
        if (EVENT_COUNTS.contains(metric)) {
            double count = eventCounts.getOrDefault(metric, 0.0);
            summaries.add(summary(metric, Group.STAGE, "", count, count / daysObserved, count));
            return;
        }
        switch (metric) {
            case "param_update_timeout_count" -> {
                double total = 0;
                double worst = 0;
                for (int day = 1; day <= daysObserved; day++) {
                    double count = timeoutsByDay.getOrDefault(day, 0.0);
                    daily.add(new DailyMetric(metric, "", day(day), 24, count, count / 24, count, count));
                    total += count;
                    worst = Math.max(worst, count);
                }
                summaries.add(summary(metric, Group.STAGE, "", total, total / daysObserved, worst));
            }
            case "mode_switch_count" -> addModeSwitches(summaries, daily);
            case "uptime_ratio" -> summaries.add(summary(metric, Group.STAGE, "", uptime * daysObserved, uptime, 1.0));
            case "param_update_latency_ms" -> {
                double mean = 40;
                summaries.add(new MetricSummary(metric, Group.STAGE, "", 500L * daysObserved, daysObserved,
                        mean * 500 * daysObserved, mean, 5, paramUpdateP99 + 10, 15, paramUpdateP99));
                comparisons.add(Comparison.of(metric, "", mean, mean));
            }
            case "data_loss_ratio" -> {
                summaries.add(summary(metric, Group.STAGE, "", dataLoss * daysObserved, dataLoss, dataLoss));
                comparisons.add(Comparison.of(metric, "", dataLoss, dataLossBaseline));
            }
            case "cpu_ratio" -> {
                summaries.add(summary(metric, Group.STAGE, "", cpu * daysObserved, cpu, Math.min(1.0, cpu + 0.1)));
                comparisons.add(Comparison.of(metric, "", cpu, 0.30));
            }
            case "quiet_cpu_ratio" -> {
                summaries.add(summary(metric, Group.STAGE, "", quietCpu * daysObserved, quietCpu, quietCpu));
                comparisons.add(Comparison.of(metric, "", quietCpu, quietCpuBaseline));
            }
            case "memory_bytes" -> {
                double mean = memoryPeak * 0.8;
                summaries.add(summary(metric, Group.STAGE, "", mean * daysObserved, mean, memoryPeak));
                comparisons.add(Comparison.of(metric, "", mean, 1.2 * GIB));
            }
            case "zscore" -> {
                for (String symbol : config.symbols()) {
                    shifts.add(new DistributionShift(metric, symbol, 0.0, 1.0, 0.0, 1.0, zscoreDeviation));
                }
                shifts.add(new DistributionShift(metric, "", 0.0, 1.0 + zscoreDeviation, 0.0, 1.0, zscoreDeviation));
            }
            default -> {
                if (SCORES.contains(metric)) {
                    addScores(metric, summaries, comparisons);
                }
            }
        }
    }

    private void addModeSwitches(List<MetricSummary> summaries, List<DailyMetric> daily) {
        String metric = "mode_switch_count";
        double[] stageByDay = new double[daysObserved + 1];
        double stageTotal = 0;
        for (String symbol : config.symbols()) {
            Map<Integer, Double> overrides = modeSwitches.getOrDefault(symbol, Map.of());
            double total = 0;
            double worst = 0;
            for (int day = 1; day <= daysObserved; day++) {
                double count = overrides.getOrDefault(day, MODE_SWITCHES_PER_DAY);
                daily.add(new DailyMetric(metric, symbol, day(day), 1, count, count, count, count));
                stageByDay[day] += count;
                total += count;
                worst = Math.max(worst, count);
            }
            summaries.add(summary(metric, Group.STAGE, symbol, total, total / daysObserved, worst));
            stageTotal += total;
        }
        double worstDay = 0;
        for (int day = 1; day <= daysObserved; day++) {
            // the stage-wide row FactBuilder also produces (every symbol together)
            daily.add(new DailyMetric(metric, "", day(day), config.symbols().size(), stageByDay[day],
                    stageByDay[day] / config.symbols().size(), stageByDay[day], stageByDay[day]));
            worstDay = Math.max(worstDay, stageByDay[day]);
        }
        summaries.add(summary(metric, Group.STAGE, "", stageTotal, stageTotal / daysObserved, worstDay));
    }

    private void addScores(String metric, List<MetricSummary> summaries, List<Comparison> comparisons) {
        Map<String, Double> bySymbol = symbolScores.getOrDefault(metric, Map.of());
        for (String symbol : config.symbols()) {
            double value = bySymbol.getOrDefault(symbol, BASELINE_SCORE);
            summaries.add(summary(metric, Group.STAGE, symbol, value * daysObserved, value, value));
            comparisons.add(Comparison.of(metric, symbol, value, BASELINE_SCORE));
        }
        double aggregate = aggregateScores.getOrDefault(metric, BASELINE_SCORE);
        summaries.add(summary(metric, Group.STAGE, "", aggregate * daysObserved, aggregate, aggregate));
        comparisons.add(Comparison.of(metric, "", aggregate, aggregateBaselines.getOrDefault(metric, BASELINE_SCORE)));
    }

    private List<Coverage> coverage() {
        int daysRequired = (int) Math.ceil(release.minDayCoverage() * daysObserved - 1e-9);
        List<Coverage> coverage = new ArrayList<>();
        for (String metric : config.requiredMetrics()) {
            MetricSpec spec = release.catalogue().get(metric);
            List<String> symbols = spec.perSymbol() ? config.symbols() : List.of("");
            long samples = Math.max(spec.minSamples(), 24L) * daysObserved;
            for (String symbol : symbols) {
                boolean enough = !insufficient.contains(metric);
                coverage.add(new Coverage(metric, Group.STAGE, symbol, enough ? samples : 0, spec.minSamples(),
                        enough ? daysObserved : 0, daysRequired, enough));
            }
            if (spec.baseline() != BaselineComparison.NONE) {
                coverage.add(new Coverage(metric, Group.BASELINE, "", samples, spec.minSamples(), daysObserved, 1,
                        true));
            }
        }
        return coverage;
    }

    // ------------------------------------------------------------------ helpers

    private Scenario eventCount(String metric, double count) {
        metrics.add(metric);
        eventCounts.put(metric, count);
        return this;
    }

    private static void requireScore(String metric) {
        if (!SCORES.contains(metric)) {
            throw new IllegalArgumentException(metric + " is not a score compared with the baseline");
        }
    }

    private LocalDate day(int day) {
        if (day < 1 || day > daysObserved) {
            throw new IllegalArgumentException("day " + day + " is outside the " + daysObserved + "-day window");
        }
        return WINDOW_START.plusDays(day - 1L);
    }

    /** A summary with one sample a day; stddev and P99 are not used by the rules for these metrics. */
    private MetricSummary summary(String metric, Group group, String symbol, double sum, double mean, double max) {
        return new MetricSummary(metric, group, symbol, daysObserved, daysObserved, sum, mean, Math.min(mean, max),
                max, 0.0, max);
    }
}
