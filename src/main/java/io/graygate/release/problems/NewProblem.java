package io.graygate.release.problems;

import io.graygate.facts.Severity;

import java.time.LocalDate;

/** What a person noticed, for {@code graygate problem add}. */
public record NewProblem(String release, String stage, String symbol, String metric, Severity severity, String title,
                         LocalDate seenOn, String by) {
}
