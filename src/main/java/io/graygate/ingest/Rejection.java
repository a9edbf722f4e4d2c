package io.graygate.ingest;

/** An input line that was not loaded, and why. Printed as {@code ORIGIN:LINE: reason}. */
public record Rejection(String origin, int line, String raw, String reason) {

    /** PostgreSQL text cannot hold NUL; a field quoted in the reason may carry one. */
    public Rejection {
        raw = raw.replace('\u0000', '\uFFFD');
        reason = reason.replace('\u0000', '\uFFFD');
    }

    @Override
    public String toString() {
        return origin + ":" + line + ": " + reason;
    }
}
