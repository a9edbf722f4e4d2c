package io.graygate.intake.prometheus;

import io.graygate.platform.config.YamlSection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The scheduled pull of {@code graygate serve}: the {@code prometheus_pull} section of config/service.yaml.
 *
 * @param url         Prometheus's base URL
 * @param mapping     the mapping file (relative paths are taken from the service file's folder)
 * @param every       time between pulls
 * @param lookback    each pull starts this long before the entry's cursor, to pick up late samples
 * @param delay       points younger than this are left for the next pull, so every scrape they depend on is in
 * @param firstPull   how far back an entry without a cursor starts
 * @param timeout     per HTTP request
 * @param chunkPoints points per series per range query (at most 11,000, Prometheus's limit)
 */
public record PullSettings(String url, Path mapping, Duration every, Duration lookback, Duration delay,
                           Duration firstPull, Duration timeout, int chunkPoints) {
    public static final String SECTION = "prometheus_pull";
    public static final int DEFAULT_CHUNK_POINTS = 1_440;
    static final Set<String> KEYS = Set.of("enabled", "url", "mapping", "every", "lookback", "delay", "first_pull",
            "timeout", "chunk_points");

    /** A duration written the Prometheus way (30s, 5m, 1h, 1d), for command-line options. */
    public static Duration parseDuration(String text) {
        Duration value = PromDurations.parse(text);
        if (value == null || value.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; expected e.g. 30s, 1m, 5m, 1h");
        }
        return value;
    }

    /**
     * The section of the service file, or empty when it is absent or says {@code enabled: false}. A disabled
     * section is still checked whole, so a mistake shows when it is written, not on the day it is switched on.
     */
    public static Optional<PullSettings> load(Path serviceFile) {
        YamlSection root = YamlSection.read(serviceFile);
        if (!root.has(SECTION)) {
            return Optional.empty();
        }
        YamlSection s = root.section(SECTION);
        s.allowOnly(KEYS);
        boolean enabled = s.bool("enabled", true);
        Path folder = serviceFile.toAbsolutePath().getParent();
        PullSettings settings = new PullSettings(
                s.string("url"),
                folder.resolve(s.string("mapping", "prometheus.yaml")),
                PromDurations.read(s, "every", Duration.ofSeconds(10), Duration.ofMinutes(5)),
                PromDurations.read(s, "lookback", Duration.ZERO, Duration.ofMinutes(15)),
                PromDurations.read(s, "delay", Duration.ZERO, Duration.ofMinutes(1)),
                PromDurations.read(s, "first_pull", Duration.ofMinutes(1), Duration.ofDays(1)),
                PromDurations.read(s, "timeout", Duration.ofSeconds(1), Duration.ofSeconds(30)),
                s.integer("chunk_points", 1, ChunkPlan.PROMETHEUS_MAX_POINTS, DEFAULT_CHUNK_POINTS));
        return enabled ? Optional.of(settings) : Optional.empty();
    }
}
