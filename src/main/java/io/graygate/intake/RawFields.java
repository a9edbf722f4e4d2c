package io.graygate.intake;

/** The five fields of a line as text, before validation; symbol and source are "" when absent. */
record RawFields(String ts, String metric, String value, String symbol, String source) {
}
