package io.graygate.decision;

import org.jdbi.v3.core.Handle;

/**
 * A step run inside the transaction that stores an evaluation, after its rows are written: what it writes
 * is stored with the evaluation or not at all.
 */
@FunctionalInterface
public interface EvaluationListener {
    /** @param stored the evaluation with its database id */
    void stored(Handle handle, Evaluation stored);
}
