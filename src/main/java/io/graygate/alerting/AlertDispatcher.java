package io.graygate.alerting;

import io.graygate.audit.AuditChain;
import io.graygate.audit.ChainedTables;
import io.graygate.facts.Severity;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns alerts into webhook POSTs. One {@link #runOnce()} raises alerts for operators' rollbacks and stale
 * data, plans the escalation levels that have come due for open alerts, and delivers every due
 * notification once (failures get a later retry with exponential backoff, up to the configured attempts).
 * <p>
 * Several instances may run it on one database: a notification is claimed with {@code FOR UPDATE SKIP LOCKED}
 * and re-checked after the lock is held, the POST and its attempt row happen while the claim is held, and
 * planning is an insert on a unique key. Time comes only from the injected clock.
 */
public final class AlertDispatcher {
    /** Operators' rollbacks older than this when the dispatcher first sees them are history, not news. */
    static final Duration ROLLBACK_LOOKBACK = Duration.ofHours(24);
    private static final int MAX_SENDS_PER_RUN = 200;

    private static final String DUE = """
            SELECT n.id, n.alert_id, n.level, n.channel, COALESCE(last.attempt, 0) + 1 AS attempt
            FROM alert_notification n
            JOIN alert a ON a.id = n.alert_id
            LEFT JOIN LATERAL (SELECT d.attempt, d.next_attempt_at FROM alert_delivery d
                               WHERE d.notification_id = n.id ORDER BY d.attempt DESC LIMIT 1) last ON true
            WHERE a.release = :release
              AND NOT EXISTS (SELECT 1 FROM alert_ack k WHERE k.alert_id = a.id)
              AND NOT EXISTS (SELECT 1 FROM alert_clear c WHERE c.alert_id = a.id)
              AND CASE WHEN last.attempt IS NULL THEN n.due_at ELSE last.next_attempt_at END <= :now
            """;

    private final Jdbi jdbi;
    private final String release;
    private final AlertConfig config;
    private final Clock clock;
    private final String instance;
    private final WebhookSender sender;
    private final StaleDataWatch staleData;

    public AlertDispatcher(Jdbi jdbi, String release, AlertConfig config, Clock clock, String instance) {
        this.jdbi = jdbi;
        this.release = release;
        this.config = config;
        this.clock = clock;
        this.instance = instance;
        this.sender = new WebhookSender(config.delivery().timeout());
        this.staleData = new StaleDataWatch(release, config.staleData());
    }

    /** What one run did. */
    public record Run(int raised, int planned, int attempts, int delivered) {
    }

    private enum Sent { NOTHING_DUE, SKIPPED, DELIVERED, FAILED }

    public Run runOnce() {
        Instant now = clock.instant();
        int raised = jdbi.inTransaction(h -> raiseOperatorRollbacks(h, now) + staleData.check(h, now));
        int planned = jdbi.inTransaction(h -> plan(h, now));
        int attempts = 0;
        int delivered = 0;
        while (attempts < MAX_SENDS_PER_RUN) {
            Sent sent = jdbi.inTransaction(h -> deliverOne(h, now));
            if (sent == Sent.NOTHING_DUE) {
                break;
            }
            if (sent != Sent.SKIPPED) {
                attempts++;
                delivered += sent == Sent.DELIVERED ? 1 : 0;
            }
        }
        return new Run(raised, planned, attempts, delivered);
    }

    /** A rollback a person did is news for everyone on the channel, but nobody has to act on it: no escalation. */
    private int raiseOperatorRollbacks(Handle h, Instant now) {
        List<Long> raised = h.createUpdate("""
                        INSERT INTO alert (release, kind, severity, stage, event_id, subject, summary, reasons, escalate, raised_at)
                        SELECT e.release, 'OPERATOR_ROLLBACK', :severity, '', e.id, '',
                               'release ' || e.release || ' rolled back to baseline by ' || e.actor,
                               jsonb_build_array(e.reason), false, e.created_at
                        FROM release_event e
                        WHERE e.release = :release AND e.kind = 'ROLLED_BACK' AND NOT e.drill AND e.created_at >= :since
                        ON CONFLICT (event_id) DO NOTHING""")
                .bind("severity", Severity.WARNING.name()).bind("release", release)
                .bind("since", Timestamp.from(now.minus(ROLLBACK_LOOKBACK)))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).list();
        raised.forEach(id -> AuditChain.link(h, ChainedTables.ALERT, id));
        return raised.size();
    }

    /** Plans, for every open alert, each level whose delay has passed; planned rows are never planned again. */
    private int plan(Handle h, Instant now) {
        int planned = 0;
        for (int level = 0; level < config.escalation().size(); level++) {
            EscalationLevel step = config.escalation().get(level);
            for (String channel : step.channels()) {
                List<Long> ids = h.createUpdate("""
                                INSERT INTO alert_notification (alert_id, level, channel, due_at)
                                SELECT a.id, :level, :channel, a.raised_at + make_interval(secs => :after)
                                FROM alert a
                                WHERE a.release = :release AND (a.escalate OR :level = 0)
                                  AND a.raised_at + make_interval(secs => :after) <= :now
                                  AND NOT EXISTS (SELECT 1 FROM alert_ack k WHERE k.alert_id = a.id)
                                  AND NOT EXISTS (SELECT 1 FROM alert_clear c WHERE c.alert_id = a.id)
                                ON CONFLICT (alert_id, level, channel) DO NOTHING""")
                        .bind("level", level).bind("channel", channel).bind("after", (double) step.after().toSeconds())
                        .bind("release", release).bind("now", Timestamp.from(now))
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).list();
                ids.forEach(id -> AuditChain.link(h, ChainedTables.ALERT_NOTIFICATION, id));
                planned += ids.size();
            }
        }
        return planned;
    }

    private record Claim(long id, long alertId, int level, String channel, int attempt) {
    }

    private Sent deliverOne(Handle h, Instant now) {
        Optional<Claim> claimed = due(h, now, "ORDER BY n.due_at, n.id LIMIT 1 FOR UPDATE OF n SKIP LOCKED", null);
        if (claimed.isEmpty()) {
            return Sent.NOTHING_DUE;
        }
        // The claim's snapshot may predate another instance's commit on this row; a fresh statement cannot.
        Optional<Claim> still = due(h, now, "", claimed.get().id());
        if (still.isEmpty() || still.get().attempt() != claimed.get().attempt()) {
            return Sent.SKIPPED;
        }
        Claim claim = still.get();
        Alert alert = AlertStore.find(h, claim.alertId()).orElseThrow();
        Channel channel = config.channel(claim.channel());
        WebhookSender.Outcome outcome = channel == null
                ? new WebhookSender.Outcome(null, "channel '" + claim.channel() + "' is no longer configured")
                : sender.post(channel.url(), Payloads.render(channel.type(), alert, claim.level(), config.linkBase()));
        Instant attemptedAt = clock.instant();
        Instant next = outcome.delivered() || channel == null ? null : config.delivery().nextAttempt(attemptedAt, claim.attempt());
        h.createUpdate("""
                        INSERT INTO alert_delivery (notification_id, attempt, attempted_at, status_code, error, delivered,
                            next_attempt_at, instance)
                        VALUES (:id, :attempt, :at, :status, :error, :delivered, :next, :instance)""")
                .bind("id", claim.id()).bind("attempt", claim.attempt()).bind("at", Timestamp.from(attemptedAt))
                .bind("status", outcome.statusCode()).bind("error", outcome.error()).bind("delivered", outcome.delivered())
                .bind("next", next == null ? null : Timestamp.from(next)).bind("instance", instance).execute();
        AuditChain.link(h, ChainedTables.ALERT_DELIVERY, claim.id(), claim.attempt());
        return outcome.delivered() ? Sent.DELIVERED : Sent.FAILED;
    }

    private Optional<Claim> due(Handle h, Instant now, String tail, Long onlyId) {
        var query = h.createQuery(DUE + (onlyId == null ? "" : " AND n.id = :only ") + tail)
                .bind("release", release).bind("now", Timestamp.from(now));
        if (onlyId != null) {
            query.bind("only", onlyId.longValue());
        }
        return query.map((rs, ctx) -> new Claim(rs.getLong("id"), rs.getLong("alert_id"), rs.getInt("level"),
                        rs.getString("channel"), rs.getInt("attempt")))
                .findOne();
    }
}
