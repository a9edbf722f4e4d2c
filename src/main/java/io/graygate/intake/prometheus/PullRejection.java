package io.graygate.intake.prometheus;

import java.time.Instant;

/** A pulled point ingest refused, placed by mapping key, query, symbol and timestamp. */
public record PullRejection(String key, String query, String symbol, Instant ts, String reason) {
    @Override
    public String toString() {
        return key + " (" + query + ")" + (symbol.isEmpty() ? "" : " symbol " + symbol) + " at " + ts + ": " + reason;
    }
}
