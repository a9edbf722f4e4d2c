package io.graygate.decision;

import io.graygate.facts.Verdict;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The row of a stored evaluation (table {@code evaluation}) without its facts, firings and votes: what the
 * lifecycle, the reports, the health check and replay look up about an evaluation.
 */
public record StoredEvaluation(long id, String release, String stage, int stageNumber, LocalDate asOf,
                               ObservationWindow window, int daysObserved, Verdict decision, String rulesetSha256,
                               String engineVersion, Instant createdAt) {

    /** Whether the evaluation saw the stage's whole observation period. */
    public boolean observationComplete() {
        return daysObserved >= window.observationDays();
    }
}
