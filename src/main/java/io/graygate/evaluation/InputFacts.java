package io.graygate.evaluation;

import io.graygate.facts.Attestation;
import io.graygate.facts.Comparison;
import io.graygate.facts.ComputedSwitches;
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
        List<ComputedSwitches> switches,
        List<OpenProblem> openProblems,
        List<Attestation> attestations) {

    public InputFacts {
        switches = List.copyOf(switches);
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
        this(stage, summaries, daily, comparisons, shifts, coverage, List.of(), List.of(), List.of());
    }

    public InputFacts withPeople(List<OpenProblem> problems, List<Attestation> statements) {
        return new InputFacts(stage, summaries, daily, comparisons, shifts, coverage, switches, problems, statements);
    }

    public List<Object> all() {
        List<Object> all = new ArrayList<>();
        all.add(stage);
        all.addAll(summaries);
        all.addAll(daily);
        all.addAll(comparisons);
        all.addAll(shifts);
        all.addAll(coverage);
        all.addAll(switches);
        all.addAll(openProblems);
        all.addAll(attestations);
        return all;
    }

    /** The same facts with the mode switches graygate computed. */
    public InputFacts withSwitches(List<ComputedSwitches> computed) {
        return new InputFacts(stage, summaries, daily, comparisons, shifts, coverage, computed, openProblems, attestations);
    }
}
