package io.graygate.facts;

/**
 * One metric aggregated by SQL over the observation window, for one group.
 *
 * @param symbol the symbol, or "" for the whole group (and for metrics that carry no symbol)
 * @param days   distinct UTC days that have at least one sample
 */
public record MetricSummary(
        String metric,
        Group group,
        String symbol,
        long samples,
        int days,
        double sum,
        double mean,
        double min,
        double max,
        double stddev,
        double p99) {

    public boolean isAggregate() {
        return symbol.isEmpty();
    }
}
