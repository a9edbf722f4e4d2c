package io.graygate.alerting;

import io.graygate.audit.AuditChain;
import io.graygate.audit.ChainedTables;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.graygate.facts.Severity;
import io.graygate.platform.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Raises, reads and acknowledges alerts; every write appends rows, nothing is updated. */
public final class AlertStore {
    private static final String SELECT = """
            SELECT a.*, k.acked_by, k.note, k.acked_at, c.cleared_at
            FROM alert a
            LEFT JOIN alert_ack k ON k.alert_id = a.id
            LEFT JOIN alert_clear c ON c.alert_id = a.id
            """;

    private final Jdbi jdbi;

    public AlertStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Alert> list(String release, boolean openOnly) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE a.release = :release"
                        + (openOnly ? " AND k.alert_id IS NULL AND c.alert_id IS NULL" : "") + " ORDER BY a.id DESC")
                .bind("release", release).map((rs, ctx) -> alert(rs)).list());
    }

    public Optional<Alert> find(long id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    /** The release's alert #id; an id of another release is as unknown as a missing one. */
    public Alert require(String release, long id) {
        return find(id).filter(a -> a.release().equals(release))
                .orElseThrow(() -> new AlertException("no alert #" + id, true));
    }

    static Optional<Alert> find(Handle h, long id) {
        return h.createQuery(SELECT + "WHERE a.id = :id").bind("id", id).map((rs, ctx) -> alert(rs)).findOne();
    }

    /** Stops the alert's escalation; refused when it is unknown or already acknowledged. */
    public Alert ack(long id, String by, String note, Instant at) {
        return jdbi.inTransaction(h -> {
            Alert alert = find(h, id).orElseThrow(() -> new AlertException("no alert #" + id, true));
            int inserted = h.createUpdate("INSERT INTO alert_ack (alert_id, acked_by, note, acked_at) "
                            + "VALUES (:id, :by, :note, :at) ON CONFLICT DO NOTHING")
                    .bind("id", id).bind("by", by).bind("note", note == null ? "" : note).bind("at", Timestamp.from(at))
                    .execute();
            if (inserted == 0) {
                AlertAck earlier = find(h, id).orElseThrow().ack();
                throw new AlertException("alert #" + id + " was already acknowledged by " + earlier.by() + " at "
                        + earlier.at(), false);
            }
            AuditChain.link(h, ChainedTables.ALERT_ACK, id);
            return find(h, alert.id()).orElseThrow();
        });
    }

    /** The alert's notifications, each with its attempts, in the order they were planned. */
    public List<Notification> notifications(long alertId) {
        return jdbi.withHandle(h -> {
            List<Notification> planned = h.createQuery("SELECT id, level, channel, due_at FROM alert_notification "
                            + "WHERE alert_id = :id ORDER BY level, channel")
                    .bind("id", alertId)
                    .map((rs, ctx) -> new Notification(rs.getLong("id"), rs.getInt("level"), rs.getString("channel"),
                            instant(rs, "due_at"), List.of()))
                    .list();
            return planned.stream().map(n -> n.withAttempts(attempts(h, n.id()))).toList();
        });
    }

    private static List<DeliveryAttempt> attempts(Handle h, long notificationId) {
        return h.createQuery("SELECT * FROM alert_delivery WHERE notification_id = :id ORDER BY attempt")
                .bind("id", notificationId)
                .map((rs, ctx) -> new DeliveryAttempt(rs.getInt("attempt"), instant(rs, "attempted_at"),
                        (Integer) rs.getObject("status_code"), rs.getString("error"), rs.getBoolean("delivered"),
                        instant(rs, "next_attempt_at"), rs.getString("instance")))
                .list();
    }

    /**
     * Raises the alert in the caller's transaction unless an open one with the same release, kind, stage and
     * subject exists: a condition that persists from one evaluation to the next pages once until someone
     * acknowledges it. Serialised per release so that two concurrent evaluations cannot both raise it.
     */
    static Optional<Long> raiseUnlessOpen(Handle h, NewAlert alert) {
        lockRelease(h, alert.release());
        boolean open = h.createQuery("""
                        SELECT count(*) > 0 FROM alert a
                        WHERE a.release = :release AND a.kind = :kind AND a.stage = :stage AND a.subject = :subject
                          AND NOT EXISTS (SELECT 1 FROM alert_ack k WHERE k.alert_id = a.id)
                          AND NOT EXISTS (SELECT 1 FROM alert_clear c WHERE c.alert_id = a.id)""")
                .bind("release", alert.release()).bind("kind", alert.kind().name()).bind("stage", alert.stage())
                .bind("subject", alert.subject()).mapTo(Boolean.class).one();
        return open ? Optional.empty() : Optional.of(insert(h, alert));
    }

    static long insert(Handle h, NewAlert a) {
        long id = h.createUpdate("""
                        INSERT INTO alert (release, kind, severity, stage, evaluation_id, vote_seq, subject, summary,
                            reasons, escalate, raised_at)
                        VALUES (:release, :kind, :severity, :stage, :evaluation, :seq, :subject, :summary,
                            CAST(:reasons AS jsonb), :escalate, :at)""")
                .bind("release", a.release()).bind("kind", a.kind().name()).bind("severity", a.severity().name())
                .bind("stage", a.stage()).bind("evaluation", a.evaluationId()).bind("seq", a.voteSeq())
                .bind("subject", a.subject()).bind("summary", a.summary()).bind("reasons", Json.write(a.reasons()))
                .bind("escalate", a.escalate()).bind("at", Timestamp.from(a.raisedAt()))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        AuditChain.link(h, ChainedTables.ALERT, id);
        return id;
    }

    /** Alert writers of one release take turns (until their transaction ends). */
    static void lockRelease(Handle h, String release) {
        h.createQuery("SELECT pg_advisory_xact_lock(hashtext('graygate.alert:' || :release))")
                .bind("release", release).mapTo(String.class).one();
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        String ackedBy = rs.getString("acked_by");
        AlertAck ack = ackedBy == null ? null : new AlertAck(ackedBy, rs.getString("note"), instant(rs, "acked_at"));
        List<String> reasons = reasons(rs.getString("reasons"));
        return new Alert(rs.getLong("id"), rs.getString("release"), AlertKind.valueOf(rs.getString("kind")),
                Severity.valueOf(rs.getString("severity")), rs.getString("stage"), rs.getObject("evaluation_id", Long.class),
                rs.getString("subject"), rs.getString("summary"), reasons, rs.getBoolean("escalate"),
                instant(rs, "raised_at"), ack, instant(rs, "cleared_at"));
    }

    private static List<String> reasons(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert reasons are not a JSON list of texts: " + json, e);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
