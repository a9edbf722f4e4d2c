package io.graygate.facts;

import java.time.LocalDate;

/**
 * A problem of the release that nobody has resolved yet, as the rules see it. A critical one holds every
 * stage (rules/gates.drl): the card's "problems found in the previous stage fixed" made a fact.
 *
 * @param stage the stage it was found in
 */
public record OpenProblem(long id, String stage, String symbol, String metric, String code, Severity severity,
                          String title, LocalDate firstSeen) {
}
