package io.graygate.alerting;

import java.time.Instant;

/**
 * One POST of a notification.
 *
 * @param statusCode    the HTTP status, or null when there was no answer (then {@code error} says why)
 * @param nextAttemptAt when the next try is due, or null (delivered, or attempts ran out)
 */
public record DeliveryAttempt(int attempt, Instant attemptedAt, Integer statusCode, String error, boolean delivered,
                              Instant nextAttemptAt, String instance) {
}
