package io.graygate.evaluation.streak;

/**
 * One row of evaluation_gate_streak: what an evaluation saw and what it leaves.
 *
 * @param priorEvaluationId the evaluation the seen streaks came from, or null
 * @param outcome           HEALTHY, UNHEALTHY, SOFT_TRIGGER, HARD_TRIGGER, or null when the rules derived none
 */
public record StoredStreak(long evaluationId, Long priorEvaluationId, int seenPasses, int seenSoftFailures,
                           String seenLastDecision, int leftPasses, int leftSoftFailures, String outcome,
                           int minConsecutivePasses, int failureLimit) {
}
