package io.graygate.platform.config;

/**
 * A known metric: its unit, valid range and how it is compared with the baseline.
 *
 * @param min        smallest valid value, or null for none
 * @param max        largest valid value, or null for none
 * @param perSymbol  samples must name a symbol
 * @param minSamples fewest samples in a window for the metric to count as present
 */
public record MetricSpec(
        String name,
        String unit,
        String description,
        Double min,
        Double max,
        boolean perSymbol,
        boolean integer,
        long minSamples,
        BaselineComparison baseline) {

    /** Why the value is outside this metric's valid range, or null when it is valid. */
    public String rangeProblem(double value) {
        if (min != null && value < min) {
            return "value " + value + " is below the minimum " + min + " for " + name;
        }
        if (max != null && value > max) {
            return "value " + value + " is above the maximum " + max + " for " + name;
        }
        if (integer && value != Math.rint(value)) {
            return "value " + value + " is not a whole number, as " + name + " requires";
        }
        return null;
    }
}
