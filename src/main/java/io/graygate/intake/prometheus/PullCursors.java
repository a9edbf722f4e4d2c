package io.graygate.intake.prometheus;

import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * How far each mapping entry has been pulled from each Prometheus ({@code prometheus_pull_cursor}). It only
 * moves forward, and only after a chunk's samples committed: a crash in between re-pulls that chunk, which
 * stores duplicates only.
 */
public final class PullCursors {
    private final Jdbi jdbi;

    public PullCursors(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Instant> pulledTo(String url, String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT pulled_to FROM prometheus_pull_cursor "
                        + "WHERE prometheus_url = :url AND mapping_key = :key")
                .bind("url", url).bind("key", key)
                .mapTo(OffsetDateTime.class).findOne().map(OffsetDateTime::toInstant));
    }

    void advance(String url, PromMapping mapping, Instant pulledTo) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO prometheus_pull_cursor (prometheus_url, mapping_key, query, pulled_to) "
                        + "VALUES (:url, :key, :query, :to) "
                        + "ON CONFLICT (prometheus_url, mapping_key) DO UPDATE SET "
                        + "pulled_to = greatest(prometheus_pull_cursor.pulled_to, excluded.pulled_to), "
                        + "query = excluded.query, updated_at = now()")
                .bind("url", url).bind("key", mapping.key()).bind("query", mapping.query())
                .bind("to", OffsetDateTime.ofInstant(pulledTo, java.time.ZoneOffset.UTC))
                .execute());
    }
}
