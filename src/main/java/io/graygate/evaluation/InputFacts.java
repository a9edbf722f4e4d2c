package io.graygate.evaluation;

import io.graygate.facts.Attestation;
import io.graygate.facts.Comparison;
import io.graygate.facts.Coverage;
import io.graygate.facts.DailyMetric;
import io.graygate.facts.DistributionShift;
import io.graygate.facts.MetricSummary;
import io.graygate.facts.OpenProblem;
import io.graygate.facts.Stage;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the rules are given for one evaluation: metrics built by SQL aggregation, plus the release's
 * open problems and people's statements.
 */
public record InputFacts(
        Stage stage,
        List<MetricSummary> summaries,
        List<DailyMetric> daily,
        List<Comparison> comparisons,
        List<DistributionShift> shifts,
        List<Coverage> coverage,
        List<OpenProblem> openProblems,
        List<Attestation> attestations) {

    public InputFacts {
        summaries = List.copyOf(summaries);
        daily = List.copyOf(daily);
        comparisons = List.copyOf(comparisons);
        shifts = List.copyOf(shifts);
        coverage = List.copyOf(coverage);
        openProblems = List.copyOf(openProblems);
        attestations = List.copyOf(attestations);
    }

    /** Metric facts only: no open problem, no statement. */
    public InputFacts(Stage stage, List<MetricSummary> summaries, List<DailyMetric> daily, List<Comparison> comparisons,
                      List<DistributionShift> shifts, List<Coverage> coverage) {
        this(stage, summaries, daily, comparisons, shifts, coverage, List.of(), List.of());
    }

    public InputFacts withPeople(List<OpenProblem> problems, List<Attestation> statements) {
        return new InputFacts(stage, summaries, daily, comparisons, shifts, coverage, problems, statements);
    }

    public List<Object> all() {
        List<Object> all = new ArrayList<>();
        all.add(stage);
        all.addAll(summaries);
        all.addAll(daily);
        all.addAll(comparisons);
        all.addAll(shifts);
        all.addAll(coverage);
        all.addAll(openProblems);
        all.addAll(attestations);
        return all;
    }
}
