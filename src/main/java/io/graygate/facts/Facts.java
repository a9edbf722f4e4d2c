package io.graygate.facts;

import java.util.List;
import java.util.Locale;

/** Small helpers for rule consequences: the value to report for a condition over many facts, and formats. */
public final class Facts {
    private Facts() {
    }

    /** Of daily sums, the one furthest outside [low, high]; the highest when all are inside. */
    public static double furthestOutside(List<?> dailyMetrics, double low, double high) {
        return furthest(dailyMetrics.stream().mapToDouble(d -> ((DailyMetric) d).sum()).toArray(), low, high);
    }

    /** Of per-symbol summaries, the daily mean (sum / days) furthest outside [low, high]. */
    public static double furthestDailyMeanOutside(List<?> summaries, double low, double high) {
        return furthest(summaries.stream().mapToDouble(s -> {
            MetricSummary m = (MetricSummary) s;
            return m.days() == 0 ? 0 : m.sum() / m.days();
        }).toArray(), low, high);
    }

    private static double furthest(double[] values, double low, double high) {
        double worst = Double.NaN;
        double worstDistance = -1;
        double highest = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            double distance = value < low ? low - value : value > high ? value - high : 0;
            if (distance > worstDistance || (distance == 0 && worstDistance == 0 && value > worst)) {
                worst = value;
                worstDistance = distance;
            }
            highest = Math.max(highest, value);
        }
        return worstDistance > 0 ? worst : highest;
    }

    /** The lowest relative change among comparisons. */
    public static double lowestChange(List<?> comparisons) {
        return comparisons.stream().mapToDouble(c -> ((Comparison) c).relativeChange()).min().orElse(0);
    }

    public static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.2f%%", ratio * 100);
    }

    public static String gigabytes(double bytes) {
        return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
