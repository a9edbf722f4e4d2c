package io.graygate.alerting;

import io.graygate.facts.Severity;

import java.time.Instant;
import java.util.List;

/**
 * One alert with its state as derived from the rows appended about it.
 *
 * @param evaluationId the evaluation that raised it, or null (stale data, operator rollback)
 * @param subject      the vote's code for a critical alert, the metric for stale data, else ""
 * @param ack          null while unacknowledged
 * @param clearedAt    when a stale-data episode ended, else null
 */
public record Alert(long id, String release, AlertKind kind, Severity severity, String stage, Long evaluationId,
                    String subject, String summary, List<String> reasons, boolean escalate, Instant raisedAt,
                    AlertAck ack, Instant clearedAt) {

    public Alert {
        reasons = List.copyOf(reasons);
    }

    /** Open: neither acknowledged nor cleared, so escalation goes on. */
    public boolean open() {
        return ack == null && clearedAt == null;
    }

    public String state() {
        if (ack != null) {
            return "ACKED";
        }
        return clearedAt != null ? "CLEARED" : "OPEN";
    }
}
