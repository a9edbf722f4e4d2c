package io.graygate.evaluation;

import io.graygate.decision.ObservationWindow;

import io.graygate.platform.config.BaselineComparison;
import io.graygate.platform.config.MetricSpec;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.facts.Comparison;
import io.graygate.facts.Coverage;
import io.graygate.facts.DistributionShift;
import io.graygate.facts.Group;
import io.graygate.facts.MetricSummary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts computed from the summaries alone, however those were aggregated: the stage against its baseline
 * (mean comparisons, distribution shifts) and the coverage of each required metric.
 */
record DerivedFacts(List<Comparison> comparisons, List<DistributionShift> shifts, List<Coverage> coverage) {

    static DerivedFacts of(ReleaseConfig release, StageConfig config, ObservationWindow window,
                           List<MetricSummary> summaries) {
        Map<String, MetricSummary> stageBySymbol = new HashMap<>();
        Map<String, MetricSummary> baselineAggregate = new HashMap<>();
        for (MetricSummary s : summaries) {
            if (s.group() == Group.STAGE) {
                stageBySymbol.put(s.metric() + "\u0000" + s.symbol(), s);
            } else if (s.isAggregate()) {
                baselineAggregate.put(s.metric(), s);
            }
        }
        List<Comparison> comparisons = new ArrayList<>();
        List<DistributionShift> shifts = new ArrayList<>();
        for (MetricSummary s : summaries) {
            MetricSpec spec = release.catalogue().find(s.metric()).orElse(null);
            MetricSummary base = baselineAggregate.get(s.metric());
            if (s.group() != Group.STAGE || spec == null || base == null) {
                continue;
            }
            if (spec.baseline() == BaselineComparison.MEAN) {
                comparisons.add(Comparison.of(s.metric(), s.symbol(), s.mean(), base.mean()));
            } else if (spec.baseline() == BaselineComparison.DISTRIBUTION) {
                shifts.add(DistributionShift.of(s.metric(), s.symbol(), s, base));
            }
        }
        return new DerivedFacts(comparisons, shifts, coverage(release, config, window, stageBySymbol, baselineAggregate));
    }

    private static List<Coverage> coverage(ReleaseConfig release, StageConfig config, ObservationWindow window,
                                           Map<String, MetricSummary> stageBySymbol,
                                           Map<String, MetricSummary> baselineAggregate) {
        int daysRequired = (int) Math.ceil(release.minDayCoverage() * window.daysObserved() - 1e-9);
        List<Coverage> coverage = new ArrayList<>();
        for (String metric : config.requiredMetrics()) {
            MetricSpec spec = release.catalogue().get(metric);
            List<String> symbols = spec.perSymbol() ? config.symbols() : List.of("");
            for (String symbol : symbols) {
                MetricSummary s = stageBySymbol.get(metric + "\u0000" + symbol);
                long samples = s == null ? 0 : s.samples();
                int days = s == null ? 0 : s.days();
                coverage.add(new Coverage(metric, Group.STAGE, symbol, samples, spec.minSamples(), days, daysRequired,
                        samples >= spec.minSamples() && days >= daysRequired));
            }
            if (spec.baseline() != BaselineComparison.NONE) {
                MetricSummary b = baselineAggregate.get(metric);
                long samples = b == null ? 0 : b.samples();
                coverage.add(new Coverage(metric, Group.BASELINE, "", samples, spec.minSamples(),
                        b == null ? 0 : b.days(), 1, samples >= spec.minSamples()));
            }
        }
        return coverage;
    }
}
