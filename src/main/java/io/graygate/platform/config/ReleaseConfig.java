package io.graygate.platform.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A release: its stages in order, the full symbol universe and the metric catalogue.
 *
 * @param minDayCoverage share of the window's days on which a required metric must have samples
 */
public record ReleaseConfig(
        Path file,
        String name,
        List<String> universe,
        List<StageConfig> stages,
        MetricCatalogue catalogue,
        double minDayCoverage) {

    public ReleaseConfig {
        universe = List.copyOf(universe);
        stages = List.copyOf(stages);
    }

    /** Finds a stage by its name or by the path of its config file. */
    public Optional<StageConfig> stage(String nameOrFile) {
        Path asPath = Path.of(nameOrFile).toAbsolutePath().normalize();
        return stages.stream()
                .filter(s -> s.name().equals(nameOrFile) || s.file().toAbsolutePath().normalize().equals(asPath))
                .findFirst();
    }

    public StageConfig requireStage(String nameOrFile) {
        return stage(nameOrFile).orElseThrow(() -> new ConfigException(file, "stages",
                "no stage named or configured in '" + nameOrFile + "'; known stages: "
                        + stages.stream().map(StageConfig::name).toList()));
    }
}
