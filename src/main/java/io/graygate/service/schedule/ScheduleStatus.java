package io.graygate.service.schedule;

import io.graygate.platform.config.ScheduleConfig;
import org.jdbi.v3.core.Jdbi;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code GET /api/schedule} shows, read from the database so that it covers every instance: the configured
 * schedule, the next pending date with its failures, and the last dates dealt with.
 */
public final class ScheduleStatus {
    private final Jdbi jdbi;

    public ScheduleStatus(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Map<String, Object> read(String release, ScheduleConfig config) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("release", release);
        body.put("enabled", config.enabled());
        body.put("time", config.time().toString());
        body.put("zone", config.zone().getId());
        body.put("businessDays", config.businessDays().stream().sorted().map(DayOfWeek::name).toList());
        body.put("skipDates", config.skipDates().stream().sorted().map(LocalDate::toString).toList());
        body.put("catchUpMaxDays", config.catchUpMaxDays());
        body.put("retryMinutes", config.retryAfter().toMinutes());
        body.put("nextRun", nextRun(release));
        body.put("lastEvaluated", lastDay(release, true));
        body.put("lastRecorded", lastDay(release, false));
        return body;
    }

    private Map<String, Object> nextRun(String release) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT task_instance, execution_time, picked, picked_by, consecutive_failures, last_failure
                        FROM scheduled_tasks WHERE task_name = :task ORDER BY execution_time LIMIT 1""")
                .bind("task", DailyScheduler.EVALUATION_TASK + release)
                .map((rs, ctx) -> {
                    Map<String, Object> run = new LinkedHashMap<>();
                    run.put("date", DailyScheduler.dateOf(rs.getString("task_instance")).toString());
                    run.put("at", rs.getTimestamp("execution_time").toInstant().toString());
                    run.put("running", rs.getBoolean("picked"));
                    run.put("pickedBy", rs.getString("picked_by"));
                    run.put("consecutiveFailures", rs.getInt("consecutive_failures"));
                    run.put("lastFailure", rs.getTimestamp("last_failure") == null ? null
                            : rs.getTimestamp("last_failure").toInstant().toString());
                    return run;
                }).findOne().orElse(null));
    }

    /** The newest date dealt with, or the newest one evaluated. */
    private Map<String, Object> lastDay(String release, boolean evaluatedOnly) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT business_date, outcome, stage, evaluation_id, note, instance, created_at FROM scheduled_day
                        WHERE release = :release AND (NOT :evaluatedOnly OR outcome = 'EVALUATED')
                        ORDER BY business_date DESC LIMIT 1""")
                .bind("release", release).bind("evaluatedOnly", evaluatedOnly)
                .map((rs, ctx) -> {
                    Map<String, Object> day = new LinkedHashMap<>();
                    day.put("date", rs.getObject("business_date", LocalDate.class).toString());
                    day.put("outcome", rs.getString("outcome"));
                    day.put("stage", rs.getString("stage"));
                    day.put("evaluationId", (Long) rs.getObject("evaluation_id"));
                    day.put("note", rs.getString("note"));
                    day.put("instance", rs.getString("instance"));
                    day.put("at", rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant().toString());
                    return day;
                }).findOne().orElse(null));
    }
}
