package io.graygate.release;

import java.util.List;

/** A lifecycle command was refused; {@link #reasons()} lists every unmet condition. */
public class LifecycleException extends RuntimeException {
    private final List<String> reasons;

    public LifecycleException(String message, List<String> reasons) {
        super(message + (reasons.isEmpty() ? "" : ":\n  - " + String.join("\n  - ", reasons)));
        this.reasons = List.copyOf(reasons);
    }

    public LifecycleException(String message) {
        this(message, List.of());
    }

    public List<String> reasons() {
        return reasons;
    }
}
