package io.graygate.facts;

/**
 * The stage's gate hysteresis as the rules see it (the {@code gate} section of the stage config).
 *
 * @param minConsecutivePasses healthy evaluations in a row needed before the stage may ADVANCE
 * @param failureLimit         evaluations in a row with a soft rollback trigger before it rolls back
 */
public record GateParams(String stage, int minConsecutivePasses, int failureLimit) {
}
