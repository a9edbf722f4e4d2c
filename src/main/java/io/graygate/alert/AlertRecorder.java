package io.graygate.alert;

import io.graygate.audit.EvaluationListener;
import io.graygate.evaluation.CastVote;
import io.graygate.evaluation.Evaluation;
import io.graygate.facts.Severity;
import io.graygate.facts.Verdict;
import io.graygate.facts.VoteKind;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.util.List;

/**
 * The outbox: raises alerts for a stored evaluation in the evaluation's own transaction, so an alert exists
 * exactly when its evaluation does. A ROLLBACK decision raises one alert; each critical alert vote raises
 * one. Delivering them is the {@link AlertDispatcher}'s job, later and outside this transaction.
 */
public final class AlertRecorder implements EvaluationListener {
    private final Clock clock;

    public AlertRecorder() {
        this(Clock.systemUTC());
    }

    public AlertRecorder(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void stored(Handle handle, Evaluation e) {
        if (e.decision() == Verdict.ROLLBACK) {
            List<String> reasons = e.reasons().stream().map(c -> c.vote().message()).toList();
            AlertStore.raiseUnlessOpen(handle, new NewAlert(e.release(), AlertKind.ROLLBACK_DECISION, Severity.CRITICAL,
                    e.stage(), e.id(), null, "", "ROLLBACK recommended for " + e.stage() + " as of " + e.asOf()
                    + " (evaluation #" + e.id() + ")", reasons, true, clock.instant()));
        }
        for (CastVote cast : e.votes()) {
            if (cast.vote().kind() == VoteKind.ALERT && cast.vote().severity() == Severity.CRITICAL) {
                AlertStore.raiseUnlessOpen(handle, new NewAlert(e.release(), AlertKind.CRITICAL_ALERT, Severity.CRITICAL,
                        e.stage(), e.id(), cast.seq(), cast.vote().code(), "critical alert on " + e.stage() + ": "
                        + cast.vote().message(), List.of(cast.vote().message() + " [" + cast.rule() + "]"), true,
                        clock.instant()));
            }
        }
    }
}
