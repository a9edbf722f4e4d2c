package io.graygate.evaluation;

/**
 * Told how long each step of an evaluation took. The benchmark listens; everything else passes
 * {@link #NONE}, so the evaluation path measured is the one that runs in production.
 */
@FunctionalInterface
public interface StepTimer {
    StepTimer NONE = (step, nanos) -> { };

    enum Step {
        /** facts from PostgreSQL: summaries, daily values, baseline, open problems, statements */
        SQL_AGGREGATION,
        /** computed switches: activity runs from PostgreSQL replayed through hysteresis.drl */
        MODE_REPLAY,
        /** the stage rules in Drools, graygate's own checks and the decision */
        RULES,
        /** the audit write: evaluation, facts, firings, votes, problems, chain link, one transaction */
        AUDIT_WRITE
    }

    void took(Step step, long nanos);
}
