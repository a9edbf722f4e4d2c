package io.graygate.decision;

import io.graygate.facts.Attestation;
import io.graygate.facts.Comparison;
import io.graygate.facts.ComputedSwitches;
import io.graygate.facts.Coverage;
import io.graygate.facts.DailyMetric;
import io.graygate.facts.DistributionShift;
import io.graygate.facts.GateParams;
import io.graygate.facts.GateStreak;
import io.graygate.facts.LastRollback;
import io.graygate.facts.MetricSummary;
import io.graygate.facts.OpenProblem;
import io.graygate.facts.PriorGateState;
import io.graygate.facts.RequiredStatement;
import io.graygate.facts.SoftTrigger;
import io.graygate.facts.Stage;
import io.graygate.facts.StageDecision;
import io.graygate.facts.StageEntry;
import io.graygate.facts.Vote;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The stable names stored facts are keyed by ({@code evaluation_fact.type}). A name is written here once and
 * never changes, whatever the record is called or wherever it lives in Java, so a fact record can be renamed or
 * moved without breaking the replay or the reports of evaluations already stored. The names are the records'
 * names at the time graygate first stored them. Rows stored under another name (a Java class name) are mapped
 * to these by the table {@code fact_type_alias} (migration V14), which readers see through the view
 * {@code evaluation_fact_typed}.
 */
public final class FactTypes {
    private static final Map<String, Class<?>> BY_NAME = Map.ofEntries(
            Map.entry("Stage", Stage.class),
            Map.entry("MetricSummary", MetricSummary.class),
            Map.entry("DailyMetric", DailyMetric.class),
            Map.entry("Comparison", Comparison.class),
            Map.entry("DistributionShift", DistributionShift.class),
            Map.entry("Coverage", Coverage.class),
            Map.entry("ComputedSwitches", ComputedSwitches.class),
            Map.entry("OpenProblem", OpenProblem.class),
            Map.entry("Attestation", Attestation.class),
            Map.entry("GateParams", GateParams.class),
            Map.entry("PriorGateState", PriorGateState.class),
            Map.entry("GateStreak", GateStreak.class),
            Map.entry("SoftTrigger", SoftTrigger.class),
            Map.entry("Vote", Vote.class),
            Map.entry("LastRollback", LastRollback.class),
            Map.entry("RequiredStatement", RequiredStatement.class),
            Map.entry("StageDecision", StageDecision.class),
            Map.entry("StageEntry", StageEntry.class));

    private static final Map<Class<?>, String> BY_CLASS = BY_NAME.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    private FactTypes() {
    }

    /**
     * The stable name of a fact's type. A type rules declare themselves in DRL (not a graygate record) is
     * stored under its simple name: it lives and dies with the rule file that declares it.
     */
    public static String nameOf(Class<?> type) {
        String name = BY_CLASS.get(type);
        return name != null ? name : type.getSimpleName();
    }

    /** The record a stable name stands for, if it is one of graygate's. */
    public static Optional<Class<?>> recordOf(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every stable name and its record. */
    public static Map<String, Class<?>> all() {
        return BY_NAME;
    }
}
