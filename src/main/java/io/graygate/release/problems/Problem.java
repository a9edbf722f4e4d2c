package io.graygate.release.problems;

import io.graygate.facts.OpenProblem;
import io.graygate.facts.Severity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One entry of the problem log.
 *
 * @param lastSeen   the latest day an evaluation saw it again (first seen for a problem a person added)
 * @param resolution how it was solved, or null while it is open
 */
public record Problem(long id, String release, String stage, String symbol, String metric, String code,
                      Severity severity, String title, String origin, String openedBy, Instant openedAt,
                      LocalDate firstSeen, LocalDate lastSeen, int sightings, Resolution resolution) {

    /** How a problem was solved, by whom and when. */
    public record Resolution(String solution, String by, Instant at) {
    }

    public boolean open() {
        return resolution == null;
    }

    public OpenProblem asFact() {
        return new OpenProblem(id, stage, symbol, metric, code, severity, title, firstSeen);
    }
}
