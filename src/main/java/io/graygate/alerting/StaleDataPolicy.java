package io.graygate.alerting;

import java.time.Duration;
import java.util.List;

/** Each metric's newest sample must be younger than {@code maxAge}; an empty list watches nothing. */
public record StaleDataPolicy(Duration maxAge, List<String> metrics) {
    public StaleDataPolicy {
        metrics = List.copyOf(metrics);
    }
}
