package io.graygate.rules;

/** A rule set that is unsigned or whose signature does not verify, or a key that cannot be read. */
public class RuleSignatureException extends RuntimeException {
    public RuleSignatureException(String message) {
        super(message);
    }

    public RuleSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
