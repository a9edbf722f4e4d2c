package io.graygate.platform.config;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The metrics graygate accepts, by name. */
public record MetricCatalogue(Map<String, MetricSpec> metrics) {

    public MetricCatalogue {
        metrics = Map.copyOf(metrics);
    }

    public Optional<MetricSpec> find(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    public MetricSpec get(String name) {
        MetricSpec spec = metrics.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown metric " + name);
        }
        return spec;
    }

    public Collection<MetricSpec> all() {
        return metrics.values();
    }
}
