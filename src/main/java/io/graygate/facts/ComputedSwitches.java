package io.graygate.facts;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mode switches graygate computed for one stage symbol on one day, by replaying the stored activity
 * samples through {@code rules/hysteresis.drl} with the stage's hysteresis, beside what the trading system
 * reported as {@code mode_switch_count} that day (null when it reported nothing).
 */
public record ComputedSwitches(String symbol, LocalDate day, int computed, Double observed) {

    /** The trading system reported a different number of switches than the configured hysteresis gives. */
    public boolean mismatch() {
        return observed != null && Math.abs(observed - computed) > 1e-9;
    }

    /** Of the per-symbol means of computed switches per day, the one furthest outside [low, high]. */
    public static double furthestSymbolMeanOutside(List<?> counts, double low, double high) {
        Map<String, double[]> sums = new TreeMap<>();
        for (Object o : counts) {
            ComputedSwitches c = (ComputedSwitches) o;
            double[] s = sums.computeIfAbsent(c.symbol(), k -> new double[2]);
            s[0] += c.computed();
            s[1]++;
        }
        double worst = Double.NaN;
        double worstDistance = -1;
        for (double[] s : sums.values()) {
            double mean = s[0] / s[1];
            double distance = mean < low ? low - mean : mean > high ? mean - high : 0;
            if (distance > worstDistance || (distance == worstDistance && mean > worst)) {
                worst = mean;
                worstDistance = distance;
            }
        }
        return worst;
    }

    /** Of the symbol-days, the count furthest outside [low, high]; the highest when all are inside. */
    public static double furthestOutside(List<?> counts, double low, double high) {
        double worst = Double.NaN;
        double worstDistance = -1;
        for (Object o : counts) {
            double value = ((ComputedSwitches) o).computed();
            double distance = value < low ? low - value : value > high ? value - high : 0;
            if (distance > worstDistance || (distance == worstDistance && value > worst)) {
                worst = value;
                worstDistance = distance;
            }
        }
        return worst;
    }
}
