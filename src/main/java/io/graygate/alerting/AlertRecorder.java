package io.graygate.alerting;

import io.graygate.audit.AuditChain;
import io.graygate.decision.EvaluationListener;
import io.graygate.decision.CastVote;
import io.graygate.decision.Evaluation;
import io.graygate.facts.Severity;
import io.graygate.facts.Verdict;
import io.graygate.facts.VoteKind;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outbox: raises alerts for a stored evaluation in the evaluation's own transaction, so an alert exists
 * exactly when its evaluation does. A ROLLBACK decision raises one alert; critical alert votes raise one
 * alert per code (all their messages as reasons). While an alert of the same kind, stage and code is still
 * open, later evaluations raise none: a persisting condition pages once until someone acknowledges it. Delivering them is the {@link AlertDispatcher}'s job, later and outside this transaction.
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
        if (!raisesAlerts(e)) {
            return;
        }
        // The evaluation will take the audit chain's lock at its end anyway; taking it before the alert lock
        // keeps one lock order for all evaluations (a new rule set takes the chain lock before this listener).
        AuditChain.lockAppends(handle);
        if (e.decision() == Verdict.ROLLBACK) {
            List<String> reasons = e.reasons().stream().map(c -> c.vote().message()).toList();
            AlertStore.raiseUnlessOpen(handle, new NewAlert(e.release(), AlertKind.ROLLBACK_DECISION, Severity.CRITICAL,
                    e.stage(), e.id(), null, "", "ROLLBACK recommended for " + e.stage() + " as of " + e.asOf()
                    + " (evaluation #" + e.id() + ")", reasons, true, clock.instant()));
        }
        Map<String, List<CastVote>> criticalByCode = e.votes().stream().filter(AlertRecorder::isCriticalAlert)
                .collect(Collectors.groupingBy(c -> c.vote().code(), LinkedHashMap::new, Collectors.toList()));
        criticalByCode.forEach((code, votes) -> {
            CastVote first = votes.get(0);
            List<String> reasons = votes.stream().map(c -> c.vote().message() + " [" + c.rule() + "]").toList();
            AlertStore.raiseUnlessOpen(handle, new NewAlert(e.release(), AlertKind.CRITICAL_ALERT, Severity.CRITICAL,
                    e.stage(), e.id(), first.seq(), code, "critical alert on " + e.stage() + ": " + first.vote().message()
                    + (votes.size() > 1 ? " (and " + (votes.size() - 1) + " more)" : ""), reasons, true, clock.instant()));
        });
    }

    private static boolean raisesAlerts(Evaluation e) {
        return e.decision() == Verdict.ROLLBACK || e.votes().stream().anyMatch(AlertRecorder::isCriticalAlert);
    }

    private static boolean isCriticalAlert(CastVote cast) {
        return cast.vote().kind() == VoteKind.ALERT && cast.vote().severity() == Severity.CRITICAL;
    }
}
