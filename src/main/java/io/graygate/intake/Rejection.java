package io.graygate.intake;

/** An input line that was not loaded, and why. Printed as {@code ORIGIN:LINE: reason}. */
public record Rejection(String origin, int line, String raw, String reason) {

    /**
     * PostgreSQL text cannot hold NUL; a field quoted in the reason may carry one. The reason is printed, so
     * it keeps no control characters from the input either.
     */
    public Rejection {
        raw = raw.replace('\u0000', '\uFFFD');
        reason = FieldText.printable(reason);
    }

    @Override
    public String toString() {
        return origin + ":" + line + ": " + reason;
    }
}
