package io.graygate.tools.cli;

import picocli.CommandLine.Option;

import java.time.LocalDate;

/** A range of UTC days, both ends inclusive, for the commands that look back over days. */
final class DateRange {
    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "first day (UTC)")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "last day (UTC), inclusive")
    LocalDate to;

    /** The range, refused when it ends before it starts. */
    DateRange checked() {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        return this;
    }
}
