package io.graygate.platform.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped configuration as the card describes it, and errors that name file, key and expectation. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void shippedReleaseHasTheCardsThreeStages() {
        ReleaseConfig release = ConfigLoader.load(Path.of("config/release.yaml"));

        assertThat(release.stages()).extracting(StageConfig::name).containsExactly("gray_10pct", "gray_50pct", "full");
        assertThat(release.stages()).extracting(StageConfig::trafficPercent).containsExactly(10, 50, 100);
        assertThat(release.stages()).extracting(StageConfig::observationDays).containsExactly(3, 7, 14);
        assertThat(release.stages()).extracting(s -> s.hysteresis().minActiveWindows()).containsExactly(5, 3, 3);
        assertThat(release.stages()).extracting(s -> s.hysteresis().minQuietWindows()).containsExactly(10, 6, 6);
        assertThat(release.requireStage("gray_10pct").symbols()).containsExactly("ETHUSDT");
        assertThat(release.requireStage("gray_50pct").symbols()).contains("BTCUSDT", "ETHUSDT").hasSizeBetween(3, 5);
        assertThat(release.requireStage("full").symbols()).isEqualTo(release.universe());
        assertThat(release.requireStage("config/production_full.yaml").name()).isEqualTo("full");
        assertThat(release.catalogue().find("uptime_ratio")).get().satisfies(m -> {
            assertThat(m.min()).isEqualTo(0.0);
            assertThat(m.max()).isEqualTo(1.0);
        });
    }

    @Test
    void shippedGateSectionsAndTheirDefaults() throws IOException {
        ReleaseConfig release = ConfigLoader.load(Path.of("config/release.yaml"));

        assertThat(release.stages()).extracting(s -> s.gate().minConsecutivePasses()).containsExactly(2, 3, 3);
        assertThat(release.stages()).extracting(s -> s.gate().failureLimit()).containsExactly(2, 2, 2);
        assertThat(release.stages()).extracting(s -> s.gate().coolDown()).containsOnly(java.time.Duration.ofHours(24));

        copyConfig("production_gray_50pct.yaml", "  min_consecutive_passes: 3", "");
        assertThat(ConfigLoader.load(dir.resolve("release.yaml")).requireStage("gray_50pct").gate().minConsecutivePasses())
                .as("the default when the key is absent").isEqualTo(GateConfig.DEFAULT.minConsecutivePasses());
        copyConfig("production_gray_10pct.yaml", "  cool_down: 24h", "  cool_down: 90m");
        assertThat(ConfigLoader.load(dir.resolve("release.yaml")).requireStage("gray_10pct").gate())
                .isEqualTo(new GateConfig(2, 2, java.time.Duration.ofMinutes(90)));
    }

    @Test
    void badGateValuesNameTheKey() throws IOException {
        Path stage = copyConfig("production_gray_10pct.yaml", "  cool_down: 24h", "  cool_down: a day");

        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("release.yaml")))
                .hasMessage(stage + ": gate.cool_down: expected a duration like 30m, 24h or 2d (or 0), got 'a day'");

        copyConfig("production_gray_10pct.yaml", "  failure_limit: 2", "  failure_limit: 0");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("release.yaml")))
                .hasMessageStartingWith(stage + ": gate.failure_limit: expected a whole number from 1 to 366");
    }

    @Test
    void wrongTypeNamesFileKeyAndExpectation() throws IOException {
        Path stage = copyConfig("production_gray_10pct.yaml", "observation_days: 3", "observation_days: three");

        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("release.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(stage + ": observation_days: expected a whole number from 1 to 366, got 'three'");
    }

    @Test
    void unknownKeyIsAnErrorNotASilentDefault() throws IOException {
        Path stage = copyConfig("production_gray_10pct.yaml", "  min_quiet_windows: 10", "  min_quite_windows: 10");

        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("release.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(stage + ": hysteresis.min_quite_windows: unknown key");
    }

    @Test
    void quietThresholdDefaultsToTheActiveThresholdAndMayLieBelowIt() throws IOException {
        ReleaseConfig shipped = ConfigLoader.load(Path.of("config/release.yaml"));
        assertThat(shipped.stages()).allSatisfy(s ->
                assertThat(s.hysteresis().quietThreshold()).isEqualTo(s.hysteresis().activeThreshold()));

        copyConfig("production_gray_10pct.yaml", "  active_threshold: 0.6     # a window is active when activity >= 0.6",
                "  active_threshold: 0.6\n  quiet_threshold: 0.4");
        Hysteresis h = ConfigLoader.load(dir.resolve("release.yaml")).requireStage("gray_10pct").hysteresis();
        assertThat(h.activeThreshold()).isEqualTo(0.6);
        assertThat(h.quietThreshold()).isEqualTo(0.4);
    }

    @Test
    void quietThresholdAboveTheActiveThresholdIsRejected() throws IOException {
        Path stage = copyConfig("production_gray_10pct.yaml",
                "  active_threshold: 0.6     # a window is active when activity >= 0.6",
                "  active_threshold: 0.6\n  quiet_threshold: 0.7");

        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("release.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(stage + ": hysteresis.quiet_threshold: must not exceed active_threshold (0.6), got 0.7");

        copyConfig("production_gray_10pct.yaml", "  active_threshold: 0.6     # a window is active when activity >= 0.6",
                "  active_threshold: 0.6\n  quiet_threshold: low");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("release.yaml")))
                .hasMessageStartingWith(stage + ": hysteresis.quiet_threshold: expected a number");
    }

    @Test
    void symbolOutsideTheUniverseIsRejected() throws IOException {
        Path stage = copyConfig("production_gray_10pct.yaml", "symbols: [ETHUSDT]", "symbols: [ETHUSDT, DOGECOIN]");

        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("release.yaml")))
                .hasMessage(stage + ": symbols[1]: 'DOGECOIN' is not in the release universe");
    }

    @Test
    void requiredMetricMustBeInTheCatalogue() throws IOException {
        Path stage = copyConfig("production_gray_10pct.yaml", "  - zscore", "  - zscores");

        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("release.yaml")))
                .hasMessageContaining(stage + ": required_metrics[")
                .hasMessageContaining("unknown metric 'zscores'");
    }

    @Test
    void badBaselineMethodListsTheChoices() throws IOException {
        Path stage = copyConfig("production_full.yaml", "method: reference_window", "method: previous_week");

        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("release.yaml")))
                .hasMessage(stage + ": baseline.method: expected control_group or reference_window, got 'previous_week'");
    }

    @Test
    void missingStageFileIsNamed() throws IOException {
        copyConfig("release.yaml", "  - production_full.yaml", "  - production_fulll.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("release.yaml")))
                .hasMessage(dir.resolve("production_fulll.yaml") + ": file not found");
    }

    @Test
    void unknownStageNameListsTheKnownOnes() {
        ReleaseConfig release = ConfigLoader.load(Path.of("config/release.yaml"));

        assertThatThrownBy(() -> release.requireStage("gray_25pct"))
                .hasMessageContaining("no stage named or configured in 'gray_25pct'")
                .hasMessageContaining("[gray_10pct, gray_50pct, full]");
    }

    /** Copies the shipped config into the temp dir with one text replaced in one file. */
    private Path copyConfig(String file, String from, String to) throws IOException {
        try (var files = Files.list(Path.of("config"))) {
            for (Path source : files.toList()) {
                Files.copy(source, dir.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path target = dir.resolve(file);
        String text = Files.readString(target);
        assertThat(text).contains(from);
        Files.writeString(target, text.replace(from, to));
        return target;
    }
}
