package io.graygate.release;

import io.graygate.audit.AuditChain;
import io.graygate.audit.ChainedTables;
import io.graygate.audit.EvaluationDao;
import io.graygate.decision.StoredEvaluation;
import io.graygate.facts.Verdict;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for the lifecycle tables of V5; every write is one statement or one transaction. */
public final class ReleaseStore {
    private static final String EVENT_COLUMNS = "id, release, kind, stage, stage_number, actor, reason, drill, created_at";
    private static final String DECISION_COLUMNS = "id, evaluation_id, release, stage, recommendation, approved, outcome, "
            + "decided_by, reason, created_at";
    private static final RowMapper<ReleaseEvent> EVENT = (rs, ctx) -> new ReleaseEvent(rs.getLong("id"),
            rs.getString("release"), EventKind.valueOf(rs.getString("kind")), rs.getString("stage"),
            (Integer) rs.getObject("stage_number"), rs.getString("actor"), rs.getString("reason"), rs.getBoolean("drill"),
            instant(rs, "created_at"));
    private static final RowMapper<Decision> DECISION = (rs, ctx) -> new Decision(rs.getLong("id"),
            rs.getLong("evaluation_id"), rs.getString("release"), rs.getString("stage"),
            Verdict.valueOf(rs.getString("recommendation")), rs.getBoolean("approved"), Verdict.valueOf(rs.getString("outcome")),
            rs.getString("decided_by"), rs.getString("reason"), instant(rs, "created_at"));
    private final Jdbi jdbi;

    public ReleaseStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    public Optional<ReleaseEvent> latestEvent(String release) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + EVENT_COLUMNS
                        + " FROM release_event WHERE release = :release ORDER BY id DESC LIMIT 1")
                .bind("release", release).map(EVENT).findOne());
    }

    /** The transition in force just before the instant: the latest one made before it. */
    public Optional<ReleaseEvent> eventBefore(String release, Instant instant) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + EVENT_COLUMNS
                        + " FROM release_event WHERE release = :release AND created_at < :instant ORDER BY id DESC LIMIT 1")
                .bind("release", release).bind("instant", instant).map(EVENT).findOne());
    }

    /** When a stage of the release was first started, if ever. */
    public Optional<Instant> firstStageStart(String release) {
        return jdbi.withHandle(h -> h.createQuery("SELECT min(created_at) FROM release_event "
                        + "WHERE release = :release AND kind = 'STAGE_STARTED'")
                .bind("release", release).mapTo(Instant.class).findOne());
    }

    public List<ReleaseEvent> events(String release) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + EVENT_COLUMNS
                        + " FROM release_event WHERE release = :release ORDER BY id")
                .bind("release", release).map(EVENT).list());
    }

    /** Appends a transition; a rollback is exactly this one INSERT. */
    public static ReleaseEvent append(Handle h, String release, EventKind kind, String stage, Integer stageNumber,
                                      String actor, String reason, boolean drill) {
        ReleaseEvent event = h.createQuery("INSERT INTO release_event (release, kind, stage, stage_number, actor, reason, drill) "
                        + "VALUES (:release, :kind, :stage, :number, :actor, :reason, :drill) RETURNING " + EVENT_COLUMNS)
                .bind("release", release).bind("kind", kind.name()).bind("stage", stage).bind("number", stageNumber)
                .bind("actor", actor).bind("reason", reason).bind("drill", drill)
                .map(EVENT).one();
        AuditChain.link(h, ChainedTables.RELEASE_EVENT, event.id());
        return event;
    }

    public ReleaseEvent append(String release, EventKind kind, String stage, Integer stageNumber, String actor,
                               String reason, boolean drill) {
        return jdbi.inTransaction(h -> append(h, release, kind, stage, stageNumber, actor, reason, drill));
    }

    public Optional<StoredEvaluation> evaluation(long id) {
        return new EvaluationDao(jdbi).byId(id);
    }

    /** The newest complete-period evaluation of the stage since it started that no decision ruled on yet. */
    public Optional<Long> undecidedEvaluation(String release, String stage, Instant since) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT e.id FROM evaluation e
                        WHERE e.release = :release AND e.stage = :stage AND e.created_at >= :since
                          AND e.days_observed >= e.observation_days
                          AND NOT EXISTS (SELECT 1 FROM stage_decision d WHERE d.evaluation_id = e.id)
                        ORDER BY e.id DESC LIMIT 1""")
                .bind("release", release).bind("stage", stage).bind("since", since)
                .mapTo(Long.class).findOne());
    }

    /** The rulings on evaluations of the stage made since the given time, oldest first. */
    public List<Decision> decisionsSince(String release, String stage, Instant since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT d." + DECISION_COLUMNS.replace(", ", ", d.")
                        + " FROM stage_decision d JOIN evaluation e ON e.id = d.evaluation_id"
                        + " WHERE d.release = :release AND d.stage = :stage AND e.created_at >= :since ORDER BY d.id")
                .bind("release", release).bind("stage", stage).bind("since", since)
                .map(DECISION).list());
    }

    public Optional<Decision> decisionOn(long evaluationId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + DECISION_COLUMNS
                        + " FROM stage_decision WHERE evaluation_id = :id")
                .bind("id", evaluationId).map(DECISION).findOne());
    }

    public List<Decision> decisions(String release) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + DECISION_COLUMNS
                        + " FROM stage_decision WHERE release = :release ORDER BY id DESC")
                .bind("release", release).map(DECISION).list());
    }

    public static Decision insertDecision(Handle h, StoredEvaluation evaluation, boolean approved, String by, String reason) {
        Decision decision = h.createQuery("INSERT INTO stage_decision (evaluation_id, release, stage, recommendation, approved, outcome, "
                        + "decided_by, reason) VALUES (:evaluation, :release, :stage, :recommendation, :approved, :outcome, "
                        + ":by, :reason) RETURNING " + DECISION_COLUMNS)
                .bind("evaluation", evaluation.id()).bind("release", evaluation.release()).bind("stage", evaluation.stage())
                .bind("recommendation", evaluation.decision().name()).bind("approved", approved)
                .bind("outcome", Decision.outcomeOf(evaluation.decision(), approved).name())
                .bind("by", by).bind("reason", reason)
                .map(DECISION).one();
        AuditChain.link(h, ChainedTables.STAGE_DECISION, decision.id());
        return decision;
    }
}
