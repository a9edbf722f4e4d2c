package io.graygate.service.schedule;

import io.graygate.audit.AuditChain;
import io.graygate.audit.ChainedTables;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.decision.Evaluation;
import io.graygate.evaluation.EvaluateStage;
import io.graygate.rules.RuleSet;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Exactly-once effect for the scheduled daily evaluation of (release, stage, as_of). The evaluation, its claim in
 * {@code scheduled_evaluation} and its business date in {@code scheduled_day} commit together; a second instance
 * that evaluated the same day concurrently fails on a primary key and its whole transaction, evaluation included,
 * rolls back. Hand-run evaluations ({@code graygate evaluate}) write no claim and stay free to repeat.
 */
public final class ScheduledEvaluations {
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;
    private final String instance;
    private final EvaluateStage evaluations;

    public ScheduledEvaluations(Jdbi jdbi, String instance) {
        this.jdbi = jdbi;
        this.instance = instance;
        this.evaluations = new EvaluateStage(jdbi);
    }

    public boolean done(String release, String stage, LocalDate asOf) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) > 0 FROM scheduled_evaluation "
                        + "WHERE release = :release AND stage = :stage AND as_of = :asOf")
                .bind("release", release).bind("stage", stage).bind("asOf", asOf).mapTo(Boolean.class).one());
    }

    /** Whether the scheduler already dealt with the business date (evaluated it, or found no stage live). */
    public boolean dayDone(String release, LocalDate date) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) > 0 FROM scheduled_day "
                        + "WHERE release = :release AND business_date = :date")
                .bind("release", release).bind("date", date).mapTo(Boolean.class).one());
    }

    /** Evaluates and stores the day once; empty when another run already stored it. */
    public Optional<Evaluation> run(ReleaseConfig release, StageConfig stage, RuleSet rules, LocalDate asOf, LocalDate since) {
        if (done(release.name(), stage.name(), asOf) || dayDone(release.name(), asOf)) {
            return Optional.empty();
        }
        return store(evaluations.evaluate(release, stage, rules, asOf, since), rules);
    }

    /** Stores the evaluation with its claim and business date, or nothing when the day is already claimed. */
    Optional<Evaluation> store(Evaluation evaluation, RuleSet rules) {
        return onceOnly(() -> jdbi.inTransaction(h -> {
            Evaluation stored = evaluations.store(h, evaluation, rules, "scheduler:" + instance);
            h.createUpdate("INSERT INTO scheduled_evaluation (release, stage, as_of, evaluation_id, instance) "
                            + "VALUES (:release, :stage, :asOf, :id, :instance)")
                    .bind("release", evaluation.release()).bind("stage", evaluation.stage())
                    .bind("asOf", evaluation.asOf()).bind("id", stored.id()).bind("instance", instance).execute();
            h.createUpdate("INSERT INTO scheduled_day (release, business_date, outcome, stage, evaluation_id, note, instance) "
                            + "VALUES (:release, :date, 'EVALUATED', :stage, :id, :note, :instance)")
                    .bind("release", evaluation.release()).bind("date", evaluation.asOf()).bind("stage", evaluation.stage())
                    .bind("id", stored.id()).bind("note", evaluation.decision().name() + " " + evaluation.stage())
                    .bind("instance", instance).execute();
            AuditChain.link(h, ChainedTables.SCHEDULED_EVALUATION, stored.id());
            AuditChain.link(h, ChainedTables.SCHEDULED_DAY, evaluation.release(), evaluation.asOf());
            return stored;
        }));
    }

    /** Records that no stage was live on the business date; false when the date was already dealt with. */
    public boolean recordNothingLive(String release, LocalDate date, String why) {
        return jdbi.inTransaction(h -> {
            boolean inserted = h.createUpdate("INSERT INTO scheduled_day (release, business_date, outcome, note, instance) "
                            + "VALUES (:release, :date, 'NOTHING_LIVE', :note, :instance) ON CONFLICT DO NOTHING")
                    .bind("release", release).bind("date", date).bind("note", why).bind("instance", instance).execute() == 1;
            if (inserted) {
                AuditChain.link(h, ChainedTables.SCHEDULED_DAY, release, date);
            }
            return inserted;
        });
    }

    private static <T> Optional<T> onceOnly(java.util.function.Supplier<T> write) {
        try {
            return Optional.of(write.get());
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
