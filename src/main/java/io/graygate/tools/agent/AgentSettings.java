package io.graygate.tools.agent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How one agent runs.
 *
 * @param symbols       the symbols its strategy trades; empty: every symbol of the release (learned from the service)
 * @param applyCommand  run after each env file write; empty: the strategy re-reads the file by itself
 * @param failSafeAfter with the service silent this long, the agent writes and applies the baseline by itself
 * @param longPoll      how long the service may hold a poll open when nothing changes
 * @param maxBackoff    the longest pause between reconnection attempts (they start at one second and double)
 */
public record AgentSettings(String instance, List<String> symbols, EnvFile envFile, Optional<ApplyCommand> applyCommand,
                            Duration failSafeAfter, Duration longPoll, Duration maxBackoff) {
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    public AgentSettings {
        symbols = List.copyOf(symbols);
        if (failSafeAfter.isNegative() || failSafeAfter.isZero()) {
            throw new IllegalArgumentException("--fail-safe-after must be positive");
        }
        if (maxBackoff.compareTo(FIRST_BACKOFF) < 0) {
            throw new IllegalArgumentException("--max-backoff must be at least " + FIRST_BACKOFF.toSeconds() + " s");
        }
    }
}
