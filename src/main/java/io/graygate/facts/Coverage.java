package io.graygate.facts;

/**
 * Whether a metric the stage requires has enough data in the window.
 *
 * @param symbol       "" for the stage as a whole, else the symbol checked
 * @param sufficient   false makes the evaluation HOLD with INSUFFICIENT_DATA
 */
public record Coverage(
        String metric,
        Group group,
        String symbol,
        long samples,
        long minSamples,
        int daysWithData,
        int daysRequired,
        boolean sufficient) {
}
