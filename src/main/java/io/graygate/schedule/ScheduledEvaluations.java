package io.graygate.schedule;

import io.graygate.alert.AlertRecorder;
import io.graygate.audit.AuditStore;
import io.graygate.problem.ProblemRecorder;
import io.graygate.config.ReleaseConfig;
import io.graygate.config.StageConfig;
import io.graygate.evaluation.Evaluation;
import io.graygate.evaluation.Evaluator;
import io.graygate.rules.RuleSet;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Exactly-once effect for the scheduled daily evaluation of (release, stage, as_of). The evaluation and
 * its claim in {@code scheduled_evaluation} commit together; a second instance that evaluated the same day
 * concurrently fails on the claim's primary key and its whole transaction, evaluation included, rolls back.
 * Hand-run evaluations ({@code graygate evaluate}) write no claim and stay free to repeat.
 */
public final class ScheduledEvaluations {
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;
    private final String instance;

    public ScheduledEvaluations(Jdbi jdbi, String instance) {
        this.jdbi = jdbi;
        this.instance = instance;
    }

    public boolean done(String release, String stage, LocalDate asOf) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) > 0 FROM scheduled_evaluation "
                        + "WHERE release = :release AND stage = :stage AND as_of = :asOf")
                .bind("release", release).bind("stage", stage).bind("asOf", asOf).mapTo(Boolean.class).one());
    }

    /** Evaluates and stores the day once; empty when another run already stored it. */
    public Optional<Evaluation> run(ReleaseConfig release, StageConfig stage, RuleSet rules, LocalDate asOf, LocalDate since) {
        if (done(release.name(), stage.name(), asOf)) {
            return Optional.empty();
        }
        return store(new Evaluator(jdbi).evaluate(release, stage, rules, asOf, since), rules);
    }

    /** Stores the evaluation with its claim, or nothing when the day is already claimed. */
    Optional<Evaluation> store(Evaluation evaluation, RuleSet rules) {
        try {
            return Optional.of(jdbi.inTransaction(h -> {
                Evaluation stored = new AuditStore(jdbi, List.of(new ProblemRecorder(), new AlertRecorder())).save(h, evaluation, rules, "scheduler:" + instance);
                h.createUpdate("INSERT INTO scheduled_evaluation (release, stage, as_of, evaluation_id, instance) "
                                + "VALUES (:release, :stage, :asOf, :id, :instance)")
                        .bind("release", evaluation.release()).bind("stage", evaluation.stage())
                        .bind("asOf", evaluation.asOf()).bind("id", stored.id()).bind("instance", instance).execute();
                return stored;
            }));
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
