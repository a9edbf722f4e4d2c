package io.graygate.intake;

import java.time.Instant;

/** One validated metric sample and the input line it came from. */
public record Sample(int line, Instant ts, String metric, double value, String symbol, String source) {
}
