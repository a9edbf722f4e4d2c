package io.graygate.release;

import io.graygate.facts.Verdict;

import java.time.Instant;
import java.time.LocalDate;

/** The columns of a stored evaluation that the lifecycle needs. */
public record EvaluationSummary(long id, String release, String stage, int stageNumber, LocalDate asOf,
                                int observationDays, int daysObserved, Verdict decision, Instant createdAt) {

    public boolean observationComplete() {
        return daysObserved >= observationDays;
    }
}
