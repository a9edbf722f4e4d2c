package io.graygate.evaluation.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.graygate.decision.FactTypes;
import io.graygate.decision.InputFacts;
import io.graygate.facts.Comparison;
import io.graygate.facts.Attestation;
import io.graygate.facts.ComputedSwitches;
import io.graygate.facts.Coverage;
import io.graygate.facts.OpenProblem;
import io.graygate.facts.DailyMetric;
import io.graygate.facts.DistributionShift;
import io.graygate.facts.GateParams;
import io.graygate.facts.PriorGateState;
import io.graygate.facts.MetricSummary;
import io.graygate.facts.Stage;
import io.graygate.platform.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns the stored input facts of one evaluation ({@code evaluation_fact} rows with {@code derived_by IS NULL},
 * in fact-id order) back into the records the rules saw. Fact order is kept within each type, so the session
 * gets the facts in the order the recorded evaluation inserted them.
 */
final class StoredFacts {
    /** The input facts replay needs; their stored names are {@link FactTypes}' stable names. */
    private static final Set<String> INPUT_TYPES = Set.of("Stage", "MetricSummary", "DailyMetric", "Comparison",
            "DistributionShift", "Coverage", "ComputedSwitches", "OpenProblem", "Attestation", "GateParams",
            "PriorGateState");

    private final List<Stage> stages = new ArrayList<>();
    private final List<MetricSummary> summaries = new ArrayList<>();
    private final List<DailyMetric> daily = new ArrayList<>();
    private final List<Comparison> comparisons = new ArrayList<>();
    private final List<DistributionShift> shifts = new ArrayList<>();
    private final List<Coverage> coverage = new ArrayList<>();
    private final List<ComputedSwitches> switches = new ArrayList<>();
    private final List<OpenProblem> problems = new ArrayList<>();
    private final List<Attestation> statements = new ArrayList<>();
    /** Null for evaluations stored before the gate hysteresis: replay then uses the recorded config and no prior. */
    private GateParams gateParams;
    private PriorGateState priorGate;
    private final long evaluationId;

    StoredFacts(long evaluationId) {
        this.evaluationId = evaluationId;
    }

    void add(String type, String json) {
        Class<?> target = INPUT_TYPES.contains(type) ? FactTypes.recordOf(type).orElse(null) : null;
        if (target == null) {
            throw new IllegalStateException("evaluation " + evaluationId + " has an input fact of unknown type " + type);
        }
        Object fact = read(target, json);
        switch (type) {
            case "Stage" -> stages.add((Stage) fact);
            case "MetricSummary" -> summaries.add((MetricSummary) fact);
            case "DailyMetric" -> daily.add((DailyMetric) fact);
            case "Comparison" -> comparisons.add((Comparison) fact);
            case "DistributionShift" -> shifts.add((DistributionShift) fact);
            case "ComputedSwitches" -> switches.add((ComputedSwitches) fact);
            case "OpenProblem" -> problems.add((OpenProblem) fact);
            case "Attestation" -> statements.add((Attestation) fact);
            case "GateParams" -> gateParams = (GateParams) fact;
            case "PriorGateState" -> priorGate = (PriorGateState) fact;
            default -> coverage.add((Coverage) fact);
        }
    }

    InputFacts toInputs() {
        if (stages.size() != 1) {
            throw new IllegalStateException("evaluation " + evaluationId + " has " + stages.size()
                    + " stored Stage facts; exactly one is needed to replay it");
        }
        return new InputFacts(stages.get(0), summaries, daily, comparisons, shifts, coverage, switches, problems,
                statements, gateParams, priorGate);
    }

    /** Stored facts carry derived properties (e.g. {@code aggregate}) that are not record components. */
    static <T> T read(Class<T> type, String json) {
        ObjectReader reader = Json.MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
