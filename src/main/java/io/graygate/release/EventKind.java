package io.graygate.release;

/** The lifecycle transitions stored in {@code release_event}. */
public enum EventKind {
    STAGE_STARTED,
    ROLLED_BACK,
    COMPLETED
}
