package io.graygate.facts;

/**
 * A soft rollback trigger that fired (rules/rollback.drl, {@code @trigger(soft)}). It is not a vote: the gate
 * hysteresis (rules/gate_hysteresis.drl) holds on it until {@code failure_limit} evaluations in a row saw a
 * soft trigger, then rolls back. Hard triggers vote ROLLBACK directly.
 */
public record SoftTrigger(String code, String message, String metric, double value, String threshold) {

    public static SoftTrigger of(String code, String message, String metric, double value, String threshold) {
        return new SoftTrigger(code, message, metric, value, threshold);
    }
}
