package io.graygate.facts;

/** A decision, ordered by precedence: a ROLLBACK vote beats HOLD, which beats ADVANCE. */
public enum Verdict {
    ADVANCE,
    HOLD,
    ROLLBACK;

    public boolean outranks(Verdict other) {
        return compareTo(other) > 0;
    }
}
