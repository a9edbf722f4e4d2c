package io.graygate.intake.prometheus;

import io.graygate.platform.config.MetricCatalogue;
import io.graygate.platform.config.MetricSpec;
import io.graygate.platform.config.YamlSection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the Prometheus mapping file (config/prometheus.yaml). Every entry must name a metric of the
 * catalogue, and a per-symbol metric must say which label holds the symbol; errors name the file and key.
 */
public final class PromMappingLoader {
    static final String DEFAULT_SOURCE = "prometheus";
    static final Duration DEFAULT_STEP = Duration.ofMinutes(1);

    private PromMappingLoader() {
    }

    public static List<PromMapping> load(Path file, MetricCatalogue catalogue) {
        YamlSection root = YamlSection.read(file);
        root.allowOnly(Set.of("defaults", "queries"));
        YamlSection defaults = root.optionalSection("defaults");
        defaults.allowOnly(Set.of("step", "source"));
        Duration defaultStep = PromDurations.read(defaults, "step", Duration.ofSeconds(1), DEFAULT_STEP);
        String defaultSource = defaults.string("source", DEFAULT_SOURCE);

        List<PromMapping> mappings = new ArrayList<>();
        YamlSection queries = root.section("queries");
        for (Map.Entry<String, YamlSection> entry : queries.sections().entrySet()) {
            mappings.add(entry(queries, entry.getKey(), entry.getValue(), catalogue, defaultStep, defaultSource));
        }
        if (mappings.isEmpty()) {
            throw root.error("queries", "no entries; map at least one PromQL query to a metric");
        }
        return List.copyOf(mappings);
    }

    private static PromMapping entry(YamlSection queries, String key, YamlSection e, MetricCatalogue catalogue, Duration defaultStep,
                                     String defaultSource) {
        e.allowOnly(Set.of("metric", "query", "symbol_label", "source", "step"));
        String metric = e.string("metric", key);
        MetricSpec spec = catalogue.find(metric).orElse(null);
        if (spec == null) {
            String problem = "unknown metric '" + metric + "'; the catalogue (config/metrics.yaml) knows "
                    + new TreeSet<>(catalogue.metrics().keySet());
            throw e.has("metric") ? e.error("metric", problem) : queries.error(key, problem);
        }
        String symbolLabel = e.string("symbol_label", "");
        if (spec.perSymbol() && symbolLabel.isEmpty()) {
            throw e.error("symbol_label", "missing; " + metric + " is reported per symbol, so name the label that holds it");
        }
        return new PromMapping(key, metric, e.string("query"), symbolLabel, e.string("source", defaultSource),
                PromDurations.read(e, "step", Duration.ofSeconds(1), defaultStep));
    }
}
