package io.graygate.audit;

/** The first place the chain is broken, at the seq of the link that shows it. */
public record ChainBreak(long seq, BreakKind kind, String detail) {

    @Override
    public String toString() {
        return kind + " at seq " + seq + ": " + detail;
    }
}
