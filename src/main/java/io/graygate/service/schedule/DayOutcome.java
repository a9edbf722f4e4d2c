package io.graygate.service.schedule;

import java.time.LocalDate;

/**
 * What the scheduler did for one business date.
 *
 * @param evaluationId the evaluation stored by this run, null unless {@code kind} is EVALUATED
 */
public record DayOutcome(LocalDate date, Kind kind, String stage, Long evaluationId, String note) {
    public enum Kind {
        /** This run stored the evaluation of the live stage. */
        EVALUATED,
        /** No stage was live on the date: recorded, nothing evaluated. */
        NOTHING_LIVE,
        /** Another run (this instance earlier, or another instance) already dealt with the date. */
        ALREADY_DONE
    }
}
