package io.graygate.reporting;

import java.util.Map;
import java.util.Optional;

/**
 * The card's monitoring table for a chart: which daily statistic to draw, the normal range and where
 * the alert starts (null where the card names none).
 *
 * @param statistic mean, sum or p99 of the day's samples
 */
public record MetricLimits(String statistic, Double normalLow, Double normalHigh, Double alertBelow, Double alertAbove) {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private static final Map<String, MetricLimits> CARD = Map.of(
            "uptime_ratio", new MetricLimits("mean", 0.999, 1.0, 0.99, null),
            "mode_switch_count", new MetricLimits("sum", 4.0, 8.0, null, 15.0),
            "param_update_latency_ms", new MetricLimits("p99", 0.0, 100.0, null, 200.0),
            "data_loss_ratio", new MetricLimits("mean", 0.0, 0.0, null, 0.001),
            "cpu_ratio", new MetricLimits("mean", 0.0, 0.5, null, 0.7),
            "memory_bytes", new MetricLimits("mean", 0.0, 2 * GIB, null, 3 * GIB));

    public static Optional<MetricLimits> of(String metric) {
        return Optional.ofNullable(CARD.get(metric));
    }

    /** For metrics the card gives no range for: counts are summed per day, the rest averaged. */
    public static MetricLimits none(boolean count) {
        return new MetricLimits(count ? "sum" : "mean", null, null, null, null);
    }
}
