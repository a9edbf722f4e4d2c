package io.graygate.facts;

/**
 * How far the stage's distribution of a metric moved from the baseline's.
 *
 * @param deviation the larger of the relative change of the standard deviation and the shift of the
 *                  mean measured in baseline standard deviations; 0.10 is a 10% deviation
 */
public record DistributionShift(
        String metric,
        String symbol,
        double stageMean,
        double stageStddev,
        double baselineMean,
        double baselineStddev,
        double deviation) {

    public static DistributionShift of(String metric, String symbol, MetricSummary stage, MetricSummary baseline) {
        double spread = baseline.stddev();
        double deviation = spread < 1e-12
                ? (Math.abs(stage.stddev()) < 1e-12 && Math.abs(stage.mean() - baseline.mean()) < 1e-12 ? 0.0 : 1.0)
                : Math.max(Math.abs(stage.stddev() / spread - 1.0), Math.abs(stage.mean() - baseline.mean()) / spread);
        return new DistributionShift(metric, symbol, stage.mean(), stage.stddev(), baseline.mean(), spread,
                Comparison.roundToNine(deviation));
    }
}
