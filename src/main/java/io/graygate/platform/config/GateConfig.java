package io.graygate.platform.config;

import java.time.Duration;

/**
 * The stage's gate hysteresis: a decision must not flap.
 *
 * @param minConsecutivePasses healthy evaluations in a row needed before ADVANCE
 * @param failureLimit         evaluations in a row with a soft rollback trigger before ROLLBACK (hard triggers
 *                             roll back at once)
 * @param coolDown             after a rollback of the stage, how long before a stage may start again
 */
public record GateConfig(int minConsecutivePasses, int failureLimit, Duration coolDown) {
    /** When a stage file has no {@code gate} section: see docs/THRESHOLDS.md. */
    public static final GateConfig DEFAULT = new GateConfig(2, 2, Duration.ofHours(24));

    /** "24h" for whole hours, else the minutes ("90m"). */
    public String coolDownText() {
        return coolDown.toMinutes() % 60 == 0 ? coolDown.toHours() + "h" : coolDown.toMinutes() + "m";
    }
}
