package io.graygate.release;

import io.graygate.config.StageConfig;

import java.util.List;
import java.util.Set;

/** Stage 1's entry: the four prerequisites named on the task card, each recorded as satisfied. */
public final class Prerequisites implements EntryCheck {
    /** Prerequisite name and what it means, in the card's order. */
    public static final List<List<String>> REQUIRED = List.of(
            List.of("real_env_test_24h", "24-hour real-environment test passed"),
            List.of("e2e_integration_test", "end-to-end integration test passed"),
            List.of("grafana_dashboard", "Grafana dashboard ready"),
            List.of("alert_channel", "alert channel working"));

    private final ReleaseStore store;

    public Prerequisites(ReleaseStore store) {
        this.store = store;
    }

    public static boolean known(String name) {
        return REQUIRED.stream().anyMatch(p -> p.get(0).equals(name));
    }

    @Override
    public List<String> unmet(StageConfig stage, ReleaseState state) {
        if (stage.number() != 1) {
            return List.of();
        }
        Set<String> satisfied = store.satisfiedPrerequisites(state.release());
        return REQUIRED.stream().filter(p -> !satisfied.contains(p.get(0)))
                .map(p -> "prerequisite not satisfied: " + p.get(0) + " (" + p.get(1) + ")").toList();
    }
}
