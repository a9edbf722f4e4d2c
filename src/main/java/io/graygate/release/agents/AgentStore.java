package io.graygate.release.agents;

import com.fasterxml.jackson.core.type.TypeReference;
import io.graygate.audit.AgentReportContent;
import io.graygate.platform.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** SQL for the agents' tables of V16: reports (append-only, chained) and presence (one row per agent). */
public final class AgentStore {
    private static final String COLUMNS = "id, release, instance, state_hash, symbols::text AS symbols, baseline, result, "
            + "exit_code, output, detail, applied_at, received_at, reported_by";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final RowMapper<AgentReport> REPORT = (rs, ctx) -> new AgentReport(rs.getLong("id"),
            rs.getString("release"), rs.getString("instance"), rs.getString("state_hash"), strings(rs.getString("symbols")),
            rs.getBoolean("baseline"), ApplyResult.valueOf(rs.getString("result")), (Integer) rs.getObject("exit_code"),
            rs.getString("output"), rs.getString("detail"), instant(rs, "applied_at"), instant(rs, "received_at"),
            rs.getString("reported_by"));

    /** An agent as its polls left it. */
    public record Presence(String instance, List<String> symbols, Instant firstSeen, Instant lastSeen) {
        public Presence {
            symbols = List.copyOf(symbols);
        }
    }

    private final Jdbi jdbi;

    public AgentStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores the report and its chain link in one transaction, and marks the agent seen. */
    public AgentReport insert(String release, String instance, ReportSubmission report, boolean baseline, String reportedBy,
                              Instant now) {
        return jdbi.inTransaction(h -> {
            AgentReport stored = h.createQuery("INSERT INTO agent_report (release, instance, state_hash, symbols, baseline, "
                            + "result, exit_code, output, detail, applied_at, reported_by) VALUES (:release, :instance, :hash, "
                            + "CAST(:symbols AS jsonb), :baseline, :result, :exit, :output, :detail, :applied, :by) RETURNING "
                            + COLUMNS)
                    .bind("release", release).bind("instance", instance).bind("hash", report.stateHash())
                    .bind("symbols", Json.write(report.symbols())).bind("baseline", baseline)
                    .bind("result", report.result().name()).bind("exit", report.exitCode()).bind("output", report.output())
                    .bind("detail", report.detail()).bind("applied", report.appliedAt().atOffset(ZoneOffset.UTC))
                    .bind("by", reportedBy)
                    .map(REPORT).one();
            AgentReportContent.chain(h, stored.id());
            touch(h, release, instance, report.symbols(), now);
            return stored;
        });
    }

    /** Records that the agent asked for the desired state of these symbols now. */
    public void touch(String release, String instance, List<String> symbols, Instant now) {
        jdbi.useHandle(h -> touch(h, release, instance, symbols, now));
    }

    private static void touch(Handle h, String release, String instance, List<String> symbols, Instant now) {
        h.createUpdate("INSERT INTO agent_presence (release, instance, symbols, first_seen, last_seen) "
                        + "VALUES (:release, :instance, CAST(:symbols AS jsonb), :now, :now) ON CONFLICT (release, instance) "
                        + "DO UPDATE SET symbols = excluded.symbols, last_seen = greatest(agent_presence.last_seen, excluded.last_seen)")
                .bind("release", release).bind("instance", instance).bind("symbols", Json.write(symbols))
                .bind("now", now.atOffset(ZoneOffset.UTC)).execute();
    }

    public List<Presence> presence(String release) {
        return jdbi.withHandle(h -> h.createQuery("SELECT instance, symbols::text AS symbols, first_seen, last_seen "
                        + "FROM agent_presence WHERE release = :release ORDER BY instance")
                .bind("release", release)
                .map((rs, ctx) -> new Presence(rs.getString("instance"), strings(rs.getString("symbols")),
                        instant(rs, "first_seen"), instant(rs, "last_seen")))
                .list());
    }

    /** Per instance its newest report, or (with {@code effectiveOnly}) its newest report whose apply went through. */
    public Map<String, AgentReport> latest(String release, boolean effectiveOnly) {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT ON (instance) " + COLUMNS + " FROM agent_report "
                        + "WHERE release = :release" + (effectiveOnly ? " AND result <> 'FAILED'" : "")
                        + " ORDER BY instance, id DESC")
                .bind("release", release).map(REPORT).list())
                .stream().collect(Collectors.toMap(AgentReport::instance, Function.identity()));
    }

    /** The instance's reports, newest first. */
    public List<AgentReport> reports(String release, String instance, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM agent_report "
                        + "WHERE release = :release AND instance = :instance ORDER BY id DESC LIMIT :limit")
                .bind("release", release).bind("instance", instance).bind("limit", limit).map(REPORT).list());
    }

    private static List<String> strings(String json) {
        try {
            return Json.MAPPER.readValue(json, STRINGS);
        } catch (IOException e) {
            throw new UncheckedIOException("agent symbols are not a JSON list of strings: " + json, e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
