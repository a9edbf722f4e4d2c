package io.graygate.facts;

/**
 * The stage's mean of a metric against the baseline's mean.
 *
 * @param symbol         the stage symbol compared, or "" for the stage as a whole
 * @param relativeChange (stage - baseline) / |baseline|; -0.05 means 5% below the baseline.
 *                       When the baseline is 0 it is 0 for an equal stage value, else +1 or -1.
 */
public record Comparison(
        String metric,
        String symbol,
        double stageValue,
        double baselineValue,
        double relativeChange) {

    public static Comparison of(String metric, String symbol, double stageValue, double baselineValue) {
        return new Comparison(metric, symbol, stageValue, baselineValue, relativeChange(stageValue, baselineValue));
    }

    static double relativeChange(double stage, double baseline) {
        double delta = stage - baseline;
        if (Math.abs(baseline) < 1e-12) {
            return Math.abs(delta) < 1e-12 ? 0.0 : Math.signum(delta);
        }
        return delta / Math.abs(baseline);
    }
}
