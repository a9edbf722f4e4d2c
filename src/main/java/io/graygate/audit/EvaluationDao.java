package io.graygate.audit;

import io.graygate.decision.StoredEvaluation;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The reads of the evaluation aggregate's head row ({@code evaluation}), in one place with one row mapper;
 * {@link AuditStore} writes it. Methods that take a {@link Handle} run inside the caller's transaction.
 */
public final class EvaluationDao {
    /** The columns {@link StoredEvaluationMapper} reads. */
    public static final String COLUMNS = "id, release, stage, stage_number, as_of, window_start, window_end, "
            + "observation_days, days_observed, decision, ruleset_sha256, engine_version, created_at";
    private static final StoredEvaluationMapper MAPPER = new StoredEvaluationMapper();

    private final Jdbi jdbi;

    public EvaluationDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<StoredEvaluation> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM evaluation WHERE id = :id")
                .bind("id", id).map(MAPPER).findOne());
    }

    /** The release's evaluations as of {@code asOf} or earlier, oldest stored first. */
    public static List<StoredEvaluation> ofRelease(Handle h, String release, LocalDate asOf) {
        return h.createQuery("SELECT " + COLUMNS + " FROM evaluation WHERE release = :release AND as_of <= :asOf ORDER BY id")
                .bind("release", release).bind("asOf", asOf).map(MAPPER).list();
    }

    /** The as-of day of the release's latest evaluation (by day, not by when it was stored). */
    public Optional<LocalDate> lastAsOf(String release) {
        return jdbi.withHandle(h -> h.createQuery("SELECT max(as_of) FROM evaluation WHERE release = :release")
                .bind("release", release).mapTo(LocalDate.class).findOne());
    }

    /** When the stage's latest evaluation was stored. */
    public Optional<Instant> lastStoredAt(String release, String stage) {
        return jdbi.withHandle(h -> h.createQuery("SELECT max(created_at) FROM evaluation WHERE release = :release AND stage = :stage")
                .bind("release", release).bind("stage", stage).mapTo(OffsetDateTime.class).findOne()
                .map(OffsetDateTime::toInstant));
    }
}
