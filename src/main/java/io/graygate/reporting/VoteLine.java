package io.graygate.reporting;

/** A stored vote as a report lists it (reasons, alerts, rollback triggers). */
public record VoteLine(String kind, String verdict, String severity, String code, String message, String rule) {
}
