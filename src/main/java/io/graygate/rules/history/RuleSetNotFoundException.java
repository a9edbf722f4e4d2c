package io.graygate.rules.history;

/** A SHA-256 prefix that names no stored rule set, or more than one, or is not a prefix at all. */
public class RuleSetNotFoundException extends IllegalArgumentException {
    public RuleSetNotFoundException(String message) {
        super(message);
    }
}
