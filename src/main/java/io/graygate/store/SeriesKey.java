package io.graygate.store;

/** What identifies a series: metric, symbol and source ("" when absent). */
public record SeriesKey(String metric, String symbol, String source) {
}
