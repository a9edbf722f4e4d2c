package io.graygate.audit;

import io.graygate.decision.ObservationWindow;
import io.graygate.decision.StoredEvaluation;
import io.graygate.facts.Verdict;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/** One row of {@code evaluation}, selected with {@link EvaluationDao#COLUMNS}. */
public final class StoredEvaluationMapper implements RowMapper<StoredEvaluation> {
    @Override
    public StoredEvaluation map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StoredEvaluation(rs.getLong("id"), rs.getString("release"), rs.getString("stage"),
                rs.getInt("stage_number"), rs.getObject("as_of", LocalDate.class),
                new ObservationWindow(rs.getObject("window_start", LocalDate.class), rs.getObject("window_end", LocalDate.class),
                        rs.getInt("observation_days")),
                rs.getInt("days_observed"), Verdict.valueOf(rs.getString("decision")), rs.getString("ruleset_sha256"),
                rs.getString("engine_version"), rs.getTimestamp("created_at").toInstant());
    }
}
