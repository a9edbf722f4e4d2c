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
        return roundToNine(delta / Math.abs(baseline));
    }

    /**
     * Binary floating point makes 0.98 vs 1.0 a change of -0.020000000000000018; rounded to nine decimals
     * a value exactly on a rule's boundary is judged on it, as a person reading the numbers expects.
     */
    static double roundToNine(double ratio) {
        return Math.round(ratio * 1e9) / 1e9;
    }
}
