package io.graygate.alerting;

import java.time.Duration;
import java.util.List;

/** Whom to tell once an alert has been unacknowledged for {@code after}. */
public record EscalationLevel(Duration after, List<String> channels) {
    public EscalationLevel {
        channels = List.copyOf(channels);
    }
}
