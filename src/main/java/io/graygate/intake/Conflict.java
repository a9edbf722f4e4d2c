package io.graygate.intake;

import java.time.Instant;

/** A sample whose key was already stored with another value; the stored (first) value is kept. */
public record Conflict(String origin, int line, String metric, String symbol, Instant ts, double keptValue,
                       double offeredValue) {

    @Override
    public String toString() {
        return origin + ":" + line + ": conflict: " + metric + (symbol.isEmpty() ? "" : " " + symbol) + " at " + ts
                + " is already " + keptValue + "; kept it and ignored " + offeredValue;
    }
}
