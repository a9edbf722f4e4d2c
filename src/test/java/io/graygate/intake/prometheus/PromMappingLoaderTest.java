package io.graygate.intake.prometheus;

import io.graygate.platform.config.ConfigException;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.MetricCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromMappingLoaderTest {
    private static MetricCatalogue catalogue;

    @TempDir
    Path dir;

    @BeforeAll
    static void catalogue() {
        catalogue = ConfigLoader.load(Path.of("config/release.yaml")).catalogue();
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void theShippedMappingNamesOnlyCatalogueMetricsWithTheirSymbolLabels() {
        List<PromMapping> shipped = PromMappingLoader.load(Path.of("config/prometheus.yaml"), catalogue);

        assertThat(shipped).extracting(PromMapping::metric).doesNotHaveDuplicates()
                .allSatisfy(metric -> assertThat(catalogue.find(metric)).isPresent());
        assertThat(shipped).filteredOn(m -> catalogue.get(m.metric()).perSymbol())
                .extracting(PromMapping::symbolLabel).containsOnly("symbol");
        assertThat(shipped).allSatisfy(m -> assertThat(m.query()).contains("job=\"strategy\""));
        PromMapping activity = shipped.stream().filter(m -> m.key().equals("activity")).findFirst().orElseThrow();
        assertThat(activity).isEqualTo(new PromMapping("activity", "activity",
                "max by (symbol) (strategy_activity_score{job=\"strategy\"})", "symbol", "prometheus", Duration.ofMinutes(1)));
    }

    @Test
    void defaultsApplyAndAnEntryMayNameItsMetric() throws IOException {
        Path file = write("m.yaml", "defaults:\n  step: 30s\n  source: prom-eu\nqueries:\n"
                + "  eu_memory:\n    metric: memory_bytes\n    query: max(process_resident_memory_bytes)\n"
                + "  cpu_ratio:\n    query: 'sum(rate(process_cpu_seconds_total[5m]))'\n    step: 1h30m\n    source: other\n");

        assertThat(PromMappingLoader.load(file, catalogue)).containsExactly(
                new PromMapping("eu_memory", "memory_bytes", "max(process_resident_memory_bytes)", "", "prom-eu", Duration.ofSeconds(30)),
                new PromMapping("cpu_ratio", "cpu_ratio", "sum(rate(process_cpu_seconds_total[5m]))", "", "other", Duration.ofMinutes(90)));
    }

    @Test
    void anUnknownMetricIsRefusedNamingTheFileAndKey() throws IOException {
        Path byKey = write("key.yaml", "queries:\n  memory_byte:\n    query: up\n");
        assertThatThrownBy(() -> PromMappingLoader.load(byKey, catalogue)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(byKey + ": queries.memory_byte: unknown metric 'memory_byte'")
                .hasMessageContaining("memory_bytes");

        Path byMetric = write("metric.yaml", "queries:\n  mem:\n    metric: ram\n    query: up\n");
        assertThatThrownBy(() -> PromMappingLoader.load(byMetric, catalogue))
                .hasMessageStartingWith(byMetric + ": queries.mem.metric: unknown metric 'ram'");
    }

    @Test
    void mistakesAreNamedByFileAndKey() throws IOException {
        Path noLabel = write("a.yaml", "queries:\n  activity:\n    query: strategy_activity_score\n");
        assertThatThrownBy(() -> PromMappingLoader.load(noLabel, catalogue))
                .hasMessage(noLabel + ": queries.activity.symbol_label: missing; activity is reported per symbol, "
                        + "so name the label that holds it");

        Path badStep = write("b.yaml", "queries:\n  memory_bytes:\n    query: up\n    step: 5 minutes\n");
        assertThatThrownBy(() -> PromMappingLoader.load(badStep, catalogue))
                .hasMessage(badStep + ": queries.memory_bytes.step: expected a duration like 30s, 5m, 1h or 1d, got '5 minutes'");

        Path typo = write("c.yaml", "queries:\n  memory_bytes:\n    querry: up\n");
        assertThatThrownBy(() -> PromMappingLoader.load(typo, catalogue))
                .hasMessageStartingWith(typo + ": queries.memory_bytes.querry: unknown key");

        Path noQuery = write("d.yaml", "queries:\n  memory_bytes:\n    source: x\n");
        assertThatThrownBy(() -> PromMappingLoader.load(noQuery, catalogue))
                .hasMessage(noQuery + ": queries.memory_bytes.query: missing");

        Path empty = write("e.yaml", "queries: {}\n");
        assertThatThrownBy(() -> PromMappingLoader.load(empty, catalogue))
                .hasMessageStartingWith(empty + ": queries: no entries");
    }

    @Test
    void theShippedServiceFileLeavesTheScheduledPullOff() {
        assertThat(PullSettings.load(Path.of("config/service.yaml"))).isEmpty();
    }

    @Test
    void serviceSettingsHaveDefaultsAndTheMappingIsFoundNextToTheServiceFile() throws IOException {
        Path file = write("service.yaml", "tokens: {}\nprometheus_pull:\n  url: http://prom:9090\n  lookback: 30m\n");

        assertThat(PullSettings.load(file)).isEqualTo(Optional.of(new PullSettings("http://prom:9090",
                dir.toAbsolutePath().resolve("prometheus.yaml"), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofMinutes(1), Duration.ofDays(1), Duration.ofSeconds(30), PullSettings.DEFAULT_CHUNK_POINTS)));

        Path tooMany = write("s2.yaml", "prometheus_pull:\n  url: http://prom:9090\n  chunk_points: 20000\n");
        assertThatThrownBy(() -> PullSettings.load(tooMany))
                .hasMessage(tooMany + ": prometheus_pull.chunk_points: expected a whole number from 1 to 11000, got 20000");
        Path noUrl = write("s3.yaml", "prometheus_pull:\n  every: 1m\n");
        assertThatThrownBy(() -> PullSettings.load(noUrl)).hasMessage(noUrl + ": prometheus_pull.url: missing");
    }
}
