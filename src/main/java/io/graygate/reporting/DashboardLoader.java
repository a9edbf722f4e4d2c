package io.graygate.reporting;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.release.agents.AgentPolicy;
import io.graygate.release.agents.Fleet;
import io.graygate.release.problems.ProblemStore;
import io.graygate.release.Lifecycle;
import io.graygate.release.ReleaseStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the page's content from the database on every request, so it shows what any instance or the CLI did. */
public final class DashboardLoader {
    private static final String LATEST = """
            SELECT e.id, e.stage, e.stage_number, e.as_of, e.days_observed, e.observation_days, e.decision,
                   d.approved, d.outcome, d.decided_by, d.reason
            FROM evaluation e LEFT JOIN stage_decision d ON d.evaluation_id = e.id
            WHERE e.release = :release ORDER BY e.id DESC LIMIT :limit""";
    /** The votes that cast each decision; informational alerts never do (as in the stage report). */
    private static final String REASONS = """
            SELECT v.evaluation_id, v.message
            FROM evaluation_vote v JOIN evaluation e ON e.id = v.evaluation_id
            WHERE v.evaluation_id = ANY(:ids) AND v.verdict = e.decision AND (v.kind <> 'ALERT' OR v.severity = 'CRITICAL')
            ORDER BY v.evaluation_id, v.seq""";

    private final Jdbi jdbi;
    private final ReleaseConfig release;
    private final Lifecycle lifecycle;

    public DashboardLoader(Jdbi jdbi, ReleaseConfig release) {
        this.jdbi = jdbi;
        this.release = release;
        // The page only reads the desired state; starting a stage (and its entry rules) goes through the API.
        this.lifecycle = new Lifecycle(release, new ReleaseStore(jdbi), List.of());
    }

    public Dashboard load(int decisions, int reports) {
        return new Dashboard(lifecycle.desiredState(), jdbi.withHandle(h -> latest(h, decisions)),
                new ProblemStore(jdbi).list(release.name(), true), new ReportArchive(jdbi).list(release.name(), reports),
                new Fleet(release, jdbi, AgentPolicy.DEFAULT, Clock.systemUTC()).statuses(), Instant.now());
    }

    private record Row(long id, String stage, int number, LocalDate asOf, int days, int observationDays, String decision,
                       Boolean approved, String outcome, String by, String reason) {
    }

    private List<DecisionLine> latest(Handle h, int limit) {
        List<Row> rows = h.createQuery(LATEST).bind("release", release.name()).bind("limit", limit)
                .map((rs, ctx) -> row(rs)).list();
        Map<Long, List<String>> reasons = new HashMap<>();
        h.createQuery(REASONS).bindArray("ids", Long.class, rows.stream().map(Row::id).toList())
                .map((rs, ctx) -> Map.entry(rs.getLong("evaluation_id"), rs.getString("message")))
                .forEach(e -> reasons.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return rows.stream().map(r -> new DecisionLine(r.id, r.stage, r.number, r.asOf, r.days, r.observationDays, r.decision,
                reasons.getOrDefault(r.id, List.of()), r.approved, r.outcome, r.by, r.reason)).toList();
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("stage"), rs.getInt("stage_number"),
                rs.getObject("as_of", LocalDate.class), rs.getInt("days_observed"), rs.getInt("observation_days"),
                rs.getString("decision"), (Boolean) rs.getObject("approved"), rs.getString("outcome"),
                rs.getString("decided_by"), rs.getString("reason"));
    }
}
