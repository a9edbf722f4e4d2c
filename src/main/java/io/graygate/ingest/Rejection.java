package io.graygate.ingest;

/** An input line that was not loaded, and why. Printed as {@code ORIGIN:LINE: reason}. */
public record Rejection(String origin, int line, String raw, String reason) {

    @Override
    public String toString() {
        return origin + ":" + line + ": " + reason;
    }
}
