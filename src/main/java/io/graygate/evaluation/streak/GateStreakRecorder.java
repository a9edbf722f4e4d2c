package io.graygate.evaluation.streak;

import io.graygate.audit.AuditChain;
import io.graygate.audit.ChainedTables;
import io.graygate.decision.EvaluationListener;
import io.graygate.decision.Evaluation;
import io.graygate.decision.FactRecord;
import io.graygate.facts.GateParams;
import io.graygate.facts.GateStreak;
import io.graygate.facts.PriorGateState;
import org.jdbi.v3.core.Handle;

import java.util.List;

/**
 * Stores, in the evaluation's own transaction, the streaks it saw (its PriorGateState input fact) and the
 * streaks it leaves (the one GateStreak the rules derived). Rules that derived none leave no streak: both
 * start again at zero.
 */
public final class GateStreakRecorder implements EvaluationListener {

    @Override
    public void stored(Handle handle, Evaluation evaluation) {
        PriorGateState seen = only(evaluation, PriorGateState.class, false);
        GateParams params = only(evaluation, GateParams.class, false);
        GateStreak left = only(evaluation, GateStreak.class, true);
        if (seen == null || params == null) {
            throw new IllegalStateException("evaluation #" + evaluation.id() + " has no gate facts; EvaluateStage.decide adds them");
        }
        handle.createUpdate("""
                        INSERT INTO evaluation_gate_streak (evaluation_id, prior_evaluation_id, seen_passes,
                            seen_soft_failures, seen_last_decision, left_passes, left_soft_failures, outcome,
                            min_consecutive_passes, failure_limit)
                        VALUES (:id, :prior, :seenPasses, :seenSoft, :seenDecision, :leftPasses, :leftSoft, :outcome,
                            :minPasses, :limit)""")
                .bind("id", evaluation.id()).bind("prior", seen.evaluationId())
                .bind("seenPasses", seen.passes()).bind("seenSoft", seen.softFailures())
                .bind("seenDecision", seen.lastDecision())
                .bind("leftPasses", left == null ? 0 : left.passes())
                .bind("leftSoft", left == null ? 0 : left.softFailures())
                .bind("outcome", left == null ? null : left.outcome().name())
                .bind("minPasses", params.minConsecutivePasses()).bind("limit", params.failureLimit())
                .execute();
        AuditChain.link(handle, ChainedTables.GATE_STREAK, evaluation.id());
    }

    /** The one fact of a type, input or derived; two are a rule-set error that must not be stored silently. */
    private static <T> T only(Evaluation evaluation, Class<T> type, boolean derived) {
        List<T> found = evaluation.facts().stream()
                .filter(f -> (f.derivedBy() != null) == derived)
                .map(FactRecord::value).filter(type::isInstance).map(type::cast).toList();
        if (found.size() > 1) {
            throw new IllegalStateException("evaluation of " + evaluation.stage() + " as of " + evaluation.asOf() + " has "
                    + found.size() + " " + type.getSimpleName() + " facts; the gate hysteresis rules must derive exactly one");
        }
        return found.isEmpty() ? null : found.get(0);
    }
}
