package io.graygate.alerting;

import java.time.Instant;

/** Someone said they are on it: escalation stops. */
public record AlertAck(String by, String note, Instant at) {
}
