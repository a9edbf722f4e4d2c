package io.graygate.facts;

/**
 * The streaks an evaluation leaves for the next one, derived by rules/gate_hysteresis.drl from the
 * {@link PriorGateState} and this evaluation's votes; stored with the evaluation (evaluation_gate_streak).
 *
 * @param passes       healthy evaluations in a row, this one included
 * @param softFailures evaluations in a row with a soft rollback trigger, this one included
 */
public record GateStreak(int passes, int softFailures, GateOutcome outcome) {
}
