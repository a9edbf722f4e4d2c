package io.graygate.release.problems;

import io.graygate.audit.AuditChain;
import io.graygate.audit.ChainedTable;
import io.graygate.audit.ChainedTables;
import io.graygate.facts.Severity;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The problem log: list, show, resolve and add problems; the open ones feed the rules. */
public final class ProblemStore {
    private static final String SELECT = """
            SELECT p.*, coalesce(max(s.seen_on), p.first_seen) AS last_seen, count(s.problem_id) AS sightings,
                   r.solution, r.resolved_by, r.resolved_at
            FROM problem p
            LEFT JOIN problem_sighting s ON s.problem_id = p.id
            LEFT JOIN problem_resolution r ON r.problem_id = p.id
            """;
    private static final String GROUP = " GROUP BY p.id, r.problem_id ORDER BY p.id";

    private final Jdbi jdbi;

    public ProblemStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Problem> list(String release, boolean openOnly) {
        return jdbi.withHandle(h -> list(h, release, openOnly));
    }

    static List<Problem> list(Handle handle, String release, boolean openOnly) {
        return handle.createQuery(SELECT + " WHERE p.release = :release AND (NOT :openOnly OR r.problem_id IS NULL)" + GROUP)
                .bind("release", release).bind("openOnly", openOnly)
                .map((rs, ctx) -> map(rs)).list();
    }

    public Optional<Problem> find(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE p.id = :id" + GROUP).bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    /** Problems that evaluation saw (opened or seen again). */
    public List<Problem> seenBy(long evaluationId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE p.id IN (SELECT problem_id FROM problem_sighting "
                        + "WHERE evaluation_id = :id)" + GROUP)
                .bind("id", evaluationId).map((rs, ctx) -> map(rs)).list());
    }

    public Problem add(NewProblem p) {
        requireText(p.title(), "--title");
        requireText(p.by(), "--by");
        long id = jdbi.inTransaction(h -> linked(h, ChainedTables.PROBLEM, h.createUpdate("""
                        INSERT INTO problem (release, stage, symbol, metric, code, severity, title, origin, opened_by, first_seen)
                        VALUES (:release, :stage, :symbol, :metric, 'NOTICED', :severity, :title, 'person', :by, :seen)""")
                .bind("release", p.release()).bind("stage", p.stage()).bind("symbol", p.symbol())
                .bind("metric", p.metric()).bind("severity", p.severity().name()).bind("title", p.title())
                .bind("by", p.by()).bind("seen", p.seenOn())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
        return find(id).orElseThrow();
    }

    /** Records the solution; a problem is resolved once. */
    public Problem resolve(long id, String solution, String by) {
        requireText(solution, "--solution");
        requireText(by, "--by");
        Problem problem = find(id).orElseThrow(() -> new IllegalArgumentException("no problem #" + id));
        if (!problem.open()) {
            throw new IllegalArgumentException("problem #" + id + " was already resolved by "
                    + problem.resolution().by() + " at " + problem.resolution().at());
        }
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO problem_resolution (problem_id, solution, resolved_by) "
                            + "VALUES (:id, :solution, :by)")
                    .bind("id", id).bind("solution", solution.strip()).bind("by", by.strip()).execute();
            AuditChain.link(h, ChainedTables.PROBLEM_RESOLUTION, id);
        });
        return find(id).orElseThrow();
    }

    /** Links the row just inserted with this id, in its transaction, and gives the id back. */
    private static long linked(Handle h, ChainedTable table, long id) {
        AuditChain.link(h, table, id);
        return id;
    }

    private static void requireText(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " must not be empty");
        }
    }

    private static Problem map(ResultSet rs) throws SQLException {
        String solution = rs.getString("solution");
        Problem.Resolution resolution = solution == null ? null : new Problem.Resolution(solution,
                rs.getString("resolved_by"), rs.getTimestamp("resolved_at").toInstant());
        Instant opened = rs.getTimestamp("opened_at").toInstant();
        return new Problem(rs.getLong("id"), rs.getString("release"), rs.getString("stage"), rs.getString("symbol"),
                rs.getString("metric"), rs.getString("code"), Severity.valueOf(rs.getString("severity")),
                rs.getString("title"), rs.getString("origin"), rs.getString("opened_by"), opened,
                rs.getObject("first_seen", LocalDate.class), rs.getObject("last_seen", LocalDate.class),
                rs.getInt("sightings"), resolution);
    }
}
