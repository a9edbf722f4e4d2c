package io.graygate.alerting;

import java.time.Duration;
import java.time.Instant;

/**
 * Retries of one notification: attempt n failed waits {@code backoff * 2^(n-1)}; after {@code maxAttempts}
 * failures it is given up (every attempt stays recorded). {@code poll}: how often {@code graygate serve} runs
 * the dispatcher.
 */
public record DeliveryPolicy(int maxAttempts, Duration backoff, Duration timeout, Duration poll) {

    /** When to try again after failed attempt {@code attempt}, or null when it was the last one. */
    Instant nextAttempt(Instant failedAt, int attempt) {
        if (attempt >= maxAttempts) {
            return null;
        }
        return failedAt.plus(backoff.multipliedBy(1L << Math.min(attempt - 1, 30)));
    }
}
