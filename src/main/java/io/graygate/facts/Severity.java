package io.graygate.facts;

/** Severity of an alert or trigger: warning leaves the decision alone, critical holds or rolls back. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
