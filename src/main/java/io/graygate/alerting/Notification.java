package io.graygate.alerting;

import java.time.Instant;
import java.util.List;

/** One alert told to one channel at one escalation level, with every delivery attempt. */
public record Notification(long id, int level, String channel, Instant dueAt, List<DeliveryAttempt> attempts) {
    public Notification {
        attempts = List.copyOf(attempts);
    }

    Notification withAttempts(List<DeliveryAttempt> all) {
        return new Notification(id, level, channel, dueAt, all);
    }

    /** As {@link #state()}, but STOPPED for one still waiting when its alert was acknowledged or cleared. */
    public String state(Alert alert) {
        String state = state();
        boolean waiting = state.equals("PENDING") || state.equals("RETRYING");
        return waiting && !alert.open() ? "STOPPED" : state;
    }

    /** DELIVERED, GAVE_UP (attempts ran out), RETRYING or PENDING (no attempt yet). */
    public String state() {
        if (attempts.isEmpty()) {
            return "PENDING";
        }
        DeliveryAttempt last = attempts.get(attempts.size() - 1);
        if (last.delivered()) {
            return "DELIVERED";
        }
        return last.nextAttemptAt() == null ? "GAVE_UP" : "RETRYING";
    }
}
