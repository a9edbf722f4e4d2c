package io.graygate.decision;

import io.graygate.facts.Attestation;
import io.graygate.facts.Comparison;
import io.graygate.facts.ComputedSwitches;
import io.graygate.facts.Coverage;
import io.graygate.facts.DailyMetric;
import io.graygate.facts.DistributionShift;
import io.graygate.facts.GateParams;
import io.graygate.facts.MetricSummary;
import io.graygate.facts.OpenProblem;
import io.graygate.facts.PriorGateState;
import io.graygate.platform.config.StageConfig;
import io.graygate.facts.Stage;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the rules are given for one evaluation: metrics built by SQL aggregation, plus the release's
 * open problems and people's statements, and the gate hysteresis: the stage's gate parameters and the
 * streaks the previous evaluation left (null until {@link #withGate}; {@link EvaluateStage#decide} fills in the
 * stage config's parameters and "no prior evaluation" for what is still null).
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
        List<Attestation> attestations,
        GateParams gateParams,
        PriorGateState priorGate) {

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

    public InputFacts(Stage stage, List<MetricSummary> summaries, List<DailyMetric> daily, List<Comparison> comparisons,
                      List<DistributionShift> shifts, List<Coverage> coverage, List<ComputedSwitches> switches,
                      List<OpenProblem> openProblems, List<Attestation> attestations) {
        this(stage, summaries, daily, comparisons, shifts, coverage, switches, openProblems, attestations, null, null);
    }

    /** Metric facts only: no open problem, no statement. */
    public InputFacts(Stage stage, List<MetricSummary> summaries, List<DailyMetric> daily, List<Comparison> comparisons,
                      List<DistributionShift> shifts, List<Coverage> coverage) {
        this(stage, summaries, daily, comparisons, shifts, coverage, List.of(), List.of(), List.of());
    }

    public InputFacts withPeople(List<OpenProblem> problems, List<Attestation> statements) {
        return new InputFacts(stage, summaries, daily, comparisons, shifts, coverage, switches, problems, statements,
                gateParams, priorGate);
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
        if (gateParams != null) {
            all.add(gateParams);
        }
        if (priorGate != null) {
            all.add(priorGate);
        }
        return all;
    }

    /** The same facts with the mode switches graygate computed. */
    public InputFacts withSwitches(List<ComputedSwitches> computed) {
        return new InputFacts(stage, summaries, daily, comparisons, shifts, coverage, computed, openProblems, attestations,
                gateParams, priorGate);
    }

    /** The same facts with the gate's parameters and prior streaks; a null keeps what is there. */
    public InputFacts withGate(GateParams params, PriorGateState prior) {
        return new InputFacts(stage, summaries, daily, comparisons, shifts, coverage, switches, openProblems, attestations,
                params != null ? params : gateParams, prior != null ? prior : priorGate);
    }

    /** Gate facts never missing: without them a soft trigger would reach no rule that decides on it. */
    public InputFacts withGateDefaults(StageConfig config) {
        GateParams params = gateParams != null ? gateParams : new GateParams(config.name(),
                config.gate().minConsecutivePasses(), config.gate().failureLimit());
        return withGate(params, priorGate != null ? priorGate : PriorGateState.none());
    }
}
