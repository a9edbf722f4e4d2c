package io.graygate.rules;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The names rules may match on: the metrics {@code config/metrics.yaml} declares and the stages
 * {@code config/release.yaml} has (by name and by number). A rule that names anything else never fires,
 * silently: a typo such as {@code metric == "crash_cuont"} would disable a rollback trigger.
 */
public record RuleCatalogue(Set<String> metrics, Set<String> stageNames, Set<Integer> stageNumbers) {
    /** No catalogue at hand (a rule set compiled on its own): names are not checked. */
    public static final RuleCatalogue UNKNOWN = new RuleCatalogue(Set.of(), Set.of(), Set.of());

    public RuleCatalogue {
        metrics = Set.copyOf(metrics);
        stageNames = Set.copyOf(stageNames);
        stageNumbers = Set.copyOf(stageNumbers);
    }

    /** The metrics the release's catalogue declares and the release's stages. */
    public static RuleCatalogue of(ReleaseConfig release) {
        return new RuleCatalogue(release.catalogue().metrics().keySet(),
                release.stages().stream().map(StageConfig::name).collect(Collectors.toSet()),
                release.stages().stream().map(StageConfig::number).collect(Collectors.toSet()));
    }

    boolean knowsMetrics() {
        return !metrics.isEmpty();
    }

    boolean knowsStages() {
        return !stageNames.isEmpty();
    }

    String metricList() {
        return String.join(", ", new TreeSet<>(metrics));
    }

    String stageList() {
        return String.join(", ", new TreeSet<>(stageNames)) + " (numbers " + new TreeSet<>(stageNumbers) + ")";
    }
}
