package io.graygate.reporting;

import java.time.LocalDate;

/** Mode switches of one symbol on one day. */
public record ModeSwitchDay(String symbol, LocalDate day, double switches) {
}
