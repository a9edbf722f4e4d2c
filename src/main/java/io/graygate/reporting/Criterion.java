package io.graygate.reporting;

/**
 * One acceptance criterion (V1-V12) with its status and what it rests on.
 *
 * @param evidence    the data, or the statement, that decided the status
 * @param confirmedBy who stated it, for criteria only people can judge ("" for the ones data decides)
 */
public record Criterion(String id, String text, Status status, String evidence, String confirmedBy) {

    public enum Status {
        PASS, FAIL, PENDING, NOT_APPLICABLE, NEEDS_STATEMENT
    }
}
