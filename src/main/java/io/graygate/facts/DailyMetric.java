package io.graygate.facts;

import java.time.LocalDate;

/** One metric aggregated over one UTC day of the window, for one symbol or ("") the whole stage. */
public record DailyMetric(
        String metric,
        String symbol,
        LocalDate day,
        long samples,
        double sum,
        double mean,
        double max,
        double p99) {
}
