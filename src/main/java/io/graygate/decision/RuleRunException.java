package io.graygate.decision;

/** The rules failed while running (a consequence threw, or rules kept firing without end). */
public class RuleRunException extends RuntimeException {
    public RuleRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
