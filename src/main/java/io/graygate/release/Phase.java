package io.graygate.release;

/** Where a release stands in its lifecycle. */
public enum Phase {
    /** No stage started yet: every symbol runs the baseline. */
    BASELINE,
    /** A stage is running and collecting its observation period. */
    STAGE_RUNNING,
    /** A stage's observation period is complete and its evaluation waits for the decision meeting. */
    AWAITING_DECISION,
    /** Rolled back: every symbol runs the baseline until stage 1 is started again. */
    ROLLED_BACK,
    /** The last stage's ADVANCE was approved: the release is the default configuration. */
    COMPLETE
}
