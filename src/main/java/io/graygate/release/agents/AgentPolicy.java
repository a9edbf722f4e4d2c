package io.graygate.release.agents;

import java.time.Duration;

/**
 * How graygate judges its agents.
 *
 * @param liveness   an agent that asked for the desired state or reported within this long is live; the others are
 *                   listed but neither block a rollback's wait nor fail the health check
 * @param applyLimit a live agent must have applied the desired state within this long after it took effect
 */
public record AgentPolicy(Duration liveness, Duration applyLimit) {
    /** Agents long-poll for at most {@link #LONG_POLL}, so three missed polls make an agent not live. */
    public static final Duration LONG_POLL = Duration.ofSeconds(25);
    public static final AgentPolicy DEFAULT = new AgentPolicy(Duration.ofSeconds(90), Duration.ofSeconds(60));

    /** The default with the given seconds instead (null keeps the default's); each must be at least 1. */
    public static AgentPolicy of(Integer livenessSeconds, Integer applyLimitSeconds) {
        if ((livenessSeconds != null && livenessSeconds < 1) || (applyLimitSeconds != null && applyLimitSeconds < 1)) {
            throw new IllegalArgumentException("--agent-liveness and --apply-limit must be at least 1 second");
        }
        return new AgentPolicy(livenessSeconds == null ? DEFAULT.liveness() : Duration.ofSeconds(livenessSeconds),
                applyLimitSeconds == null ? DEFAULT.applyLimit() : Duration.ofSeconds(applyLimitSeconds));
    }

    public AgentPolicy {
        if (liveness.isNegative() || liveness.isZero() || applyLimit.isNegative()) {
            throw new IllegalArgumentException("agent liveness must be positive and the apply limit not negative");
        }
    }
}
