package io.graygate.alerting;

import io.graygate.audit.AuditChain;
import io.graygate.audit.ChainedTables;
import io.graygate.facts.Severity;
import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One STALE_DATA alert per episode: raised when a watched metric's newest sample becomes older than the
 * allowed age, and cleared (an appended alert_clear row) when a fresh sample arrives. While the episode
 * lasts, acknowledged or not, no second alert is raised for that metric.
 */
final class StaleDataWatch {
    private final String release;
    private final StaleDataPolicy policy;

    StaleDataWatch(String release, StaleDataPolicy policy) {
        this.release = release;
        this.policy = policy;
    }

    /** @return alerts raised */
    int check(Handle h, Instant now) {
        if (policy.metrics().isEmpty()) {
            return 0;
        }
        AlertStore.lockRelease(h, release);
        int raised = 0;
        for (String metric : policy.metrics()) {
            Optional<Instant> newest = newestSample(h, metric);
            boolean stale = newest.isEmpty() || newest.get().isBefore(now.minus(policy.maxAge()));
            Optional<Long> episode = openEpisode(h, metric);
            if (stale && episode.isEmpty()) {
                String age = newest.map(ts -> "newest sample " + ts).orElse("no sample at all");
                AlertStore.insert(h, new NewAlert(release, AlertKind.STALE_DATA, Severity.CRITICAL, "", null, null, metric,
                        "stale data: " + metric + " has no sample newer than " + policy.maxAge().toMinutes() + " min",
                        List.of(age + "; checked at " + now + ", allowed age " + policy.maxAge()), true, now));
                raised++;
            } else if (!stale && episode.isPresent()) {
                h.createUpdate("INSERT INTO alert_clear (alert_id, reason, cleared_at) VALUES (:id, :reason, :at)")
                        .bind("id", episode.get()).bind("reason", "fresh sample at " + newest.get())
                        .bind("at", Timestamp.from(now)).execute();
                AuditChain.link(h, ChainedTables.ALERT_CLEAR, episode.get());
            }
        }
        return raised;
    }

    /**
     * Each series' newest sample by its primary key, newest first (one index probe per day partition), then
     * the newest of those: a plain max over the join read every stored sample of the metric (8.7 s for
     * 2,500 series over 38 days, against 37 ms this way).
     */
    private static Optional<Instant> newestSample(Handle h, String metric) {
        return h.createQuery("""
                        SELECT max(newest.ts) AS max FROM series r
                        CROSS JOIN LATERAL (SELECT s.ts FROM sample s WHERE s.series_id = r.id ORDER BY s.ts DESC LIMIT 1) newest
                        WHERE r.metric = :metric""")
                .bind("metric", metric)
                .map((rs, ctx) -> Optional.ofNullable(AlertStore.instant(rs, "max")))
                .one();
    }

    private Optional<Long> openEpisode(Handle h, String metric) {
        return h.createQuery("""
                        SELECT a.id FROM alert a
                        WHERE a.release = :release AND a.kind = 'STALE_DATA' AND a.subject = :metric
                          AND NOT EXISTS (SELECT 1 FROM alert_clear c WHERE c.alert_id = a.id)
                        ORDER BY a.id DESC LIMIT 1""")
                .bind("release", release).bind("metric", metric).mapTo(Long.class).findOne();
    }
}
