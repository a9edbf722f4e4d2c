package io.graygate.audit;

import org.jdbi.v3.core.Handle;

import java.util.List;

/**
 * One small record in every chained table, each linked the way its writer links it, in one transaction:
 * the fixture of the tamper tests. A table added to {@link ChainedTables#ALL} needs its rows here too
 * ({@code ChainTamperTest.everyChainedTableHasLinkedRowsInTheFixture} fails until it has them).
 */
final class ChainedRows {
    static final String SHA = "a".repeat(64);

    private ChainedRows() {
    }

    static void write(Handle h) {
        h.execute("INSERT INTO ruleset (sha256, loaded_by) VALUES (?, 'fixture')", SHA);
        h.execute("INSERT INTO ruleset_file (ruleset_sha256, path, sha256, content) VALUES (?, 'a.drl', ?, 'package a;')", SHA, SHA);
        AuditChain.link(h, ChainedTables.RULESET, SHA);
        long evaluation = h.createQuery("""
                        INSERT INTO evaluation (release, stage, stage_number, as_of, window_start, window_end, observation_days,
                            days_observed, ruleset_sha256, engine_version, decision, stage_config)
                        VALUES ('r', 'gray_10pct', 1, DATE '2026-01-10', DATE '2026-01-08', DATE '2026-01-10', 3, 3, :sha,
                            'fixture', 'HOLD', '{"observation_days": 3}') RETURNING id""")
                .bind("sha", SHA).mapTo(Long.class).one();
        h.execute("""
                INSERT INTO evaluation_gate_streak (evaluation_id, seen_passes, seen_soft_failures, seen_last_decision,
                    left_passes, left_soft_failures, outcome, min_consecutive_passes, failure_limit)
                VALUES (?, 1, 0, 'HOLD', 2, 0, 'HEALTHY', 2, 2)""", evaluation);
        AuditChain.link(h, ChainedTables.GATE_STREAK, evaluation);
        AuditChain.link(h, ChainedTables.EVALUATION, evaluation);

        for (String kind : List.of("STAGE_STARTED", "ROLLED_BACK")) {
            long event = h.createQuery("INSERT INTO release_event (release, kind, stage, stage_number, actor, reason) "
                    + "VALUES ('r', :kind, 'gray_10pct', 1, 'alice', 'a reason') RETURNING id").bind("kind", kind)
                    .mapTo(Long.class).one();
            AuditChain.link(h, ChainedTables.RELEASE_EVENT, event);
        }
        long decision = h.createQuery("""
                        INSERT INTO stage_decision (evaluation_id, release, stage, recommendation, approved, outcome, decided_by, reason)
                        VALUES (:e, 'r', 'gray_10pct', 'HOLD', false, 'HOLD', 'carol', 'not yet') RETURNING id""")
                .bind("e", evaluation).mapTo(Long.class).one();
        AuditChain.link(h, ChainedTables.STAGE_DECISION, decision);
        long statement = h.createQuery("INSERT INTO attestation (release, stage, check_name, value, stated_by, note) "
                + "VALUES ('r', 'gray_10pct', 'team_trained', true, 'bob', 'trained') RETURNING id").mapTo(Long.class).one();
        AuditChain.link(h, ChainedTables.ATTESTATION, statement);
        long prerequisite = h.createQuery("INSERT INTO release_prerequisite (release, name, satisfied_by, evidence) "
                + "VALUES ('r', 'alert_channel', 'bob', 'tested') RETURNING id").mapTo(Long.class).one();
        AuditChain.link(h, ChainedTables.RELEASE_PREREQUISITE, prerequisite);
        h.execute("INSERT INTO scheduled_evaluation (release, stage, as_of, evaluation_id, instance) "
                + "VALUES ('r', 'gray_10pct', DATE '2026-01-10', ?, 'node-1')", evaluation);
        AuditChain.link(h, ChainedTables.SCHEDULED_EVALUATION, evaluation);
        h.execute("INSERT INTO scheduled_day (release, business_date, outcome, stage, evaluation_id, note, instance) "
                + "VALUES ('r', DATE '2026-01-10', 'EVALUATED', 'gray_10pct', ?, 'HOLD', 'node-1')", evaluation);
        AuditChain.link(h, ChainedTables.SCHEDULED_DAY, "r", java.time.LocalDate.parse("2026-01-10"));

        long problem = h.createQuery("""
                        INSERT INTO problem (release, stage, code, severity, title, origin, opened_by, first_seen)
                        VALUES ('r', 'gray_10pct', 'CRASH', 'CRITICAL', 'crashed', 'rollback', 'evaluation', DATE '2026-01-10')
                        RETURNING id""").mapTo(Long.class).one();
        AuditChain.link(h, ChainedTables.PROBLEM, problem);
        for (int vote = 1; vote <= 2; vote++) {
            h.execute("INSERT INTO problem_sighting (problem_id, evaluation_id, seen_on, vote_seq) "
                    + "VALUES (?, ?, DATE '2026-01-10', ?)", problem, evaluation, vote);
        }
        AuditChain.linkGroup(h, ChainedTables.PROBLEM_SIGHTING, evaluation);
        h.execute("INSERT INTO problem_resolution (problem_id, solution, resolved_by) VALUES (?, 'fixed', 'dave')", problem);
        AuditChain.link(h, ChainedTables.PROBLEM_RESOLUTION, problem);

        long alert = alert(h, evaluation);
        h.execute("INSERT INTO alert_ack (alert_id, acked_by, note, acked_at) VALUES (?, 'erin', 'seen', now())", alert);
        AuditChain.link(h, ChainedTables.ALERT_ACK, alert);
        long cleared = alert(h, evaluation);
        h.execute("INSERT INTO alert_clear (alert_id, reason, cleared_at) VALUES (?, 'fresh data', now())", cleared);
        AuditChain.link(h, ChainedTables.ALERT_CLEAR, cleared);
        long notification = h.createQuery("INSERT INTO alert_notification (alert_id, level, channel, due_at) "
                + "VALUES (:a, 0, 'ops', now()) RETURNING id").bind("a", alert).mapTo(Long.class).one();
        AuditChain.link(h, ChainedTables.ALERT_NOTIFICATION, notification);
        h.execute("INSERT INTO alert_delivery (notification_id, attempt, attempted_at, status_code, error, delivered, instance) "
                + "VALUES (?, 1, now(), 200, 'none', true, 'node-1')", notification);
        AuditChain.link(h, ChainedTables.ALERT_DELIVERY, notification, 1);

        long replay = h.createQuery("""
                        INSERT INTO mode_replay (release, stage, window_from, window_to, symbols, min_active_windows,
                            min_quiet_windows, active_threshold, quiet_threshold, window_seconds, ruleset_sha256,
                            engine_version, requested_by)
                        VALUES ('r', 'gray_10pct', DATE '2026-01-08', DATE '2026-01-10', ARRAY['ETHUSDT'], 5, 10, 0.6, 0.4,
                            60, :sha, 'fixture', 'frank') RETURNING id""").bind("sha", SHA).mapTo(Long.class).one();
        for (int seq = 1; seq <= 2; seq++) {
            h.execute("INSERT INTO mode_transition (replay_id, seq, symbol, window_start, window_end, from_mode, to_mode) "
                    + "VALUES (?, ?, 'ETHUSDT', now(), now() + interval '1 minute', 'quiet', 'active')", replay, seq);
        }
        h.execute("INSERT INTO mode_switch_day (replay_id, symbol, day, windows, switches) VALUES (?, 'ETHUSDT', DATE '2026-01-09', 1440, 6)", replay);
        h.execute("INSERT INTO mode_switch_day (replay_id, symbol, day, windows, switches) VALUES (?, 'ETHUSDT', DATE '2026-01-10', 1440, 5)", replay);
        AuditChain.link(h, ChainedTables.MODE_REPLAY, replay);
        AuditChain.linkGroup(h, ChainedTables.MODE_TRANSITION, replay);
        AuditChain.linkGroup(h, ChainedTables.MODE_SWITCH_DAY, replay);
        long tuning = h.createQuery("""
                        INSERT INTO tuning_run (release, stage, window_from, window_to, target_low, target_high, alert_above,
                            recommended_min_active, recommended_min_quiet, ruleset_sha256, engine_version, requested_by, report)
                        VALUES ('r', 'gray_50pct', DATE '2026-01-08', DATE '2026-01-10', 4, 8, 15, 3, 6, :sha, 'fixture',
                            'grace', '{"pairs": []}') RETURNING id""").bind("sha", SHA).mapTo(Long.class).one();
        AuditChain.link(h, ChainedTables.TUNING_RUN, tuning);
        long report = h.createQuery("""
                        INSERT INTO report_export (kind, release, as_of, format, sha256, source_sha256, evaluation_ids, content,
                            path, exported_by)
                        VALUES ('evaluation', 'r', DATE '2026-01-10', 'md', :sha, :sha, ARRAY[:e]::bigint[], '\\x2320', 'r.md',
                            'heidi') RETURNING id""").bind("sha", SHA).bind("e", evaluation).mapTo(Long.class).one();
        AuditChain.link(h, ChainedTables.REPORT_EXPORT, report);

        long run = h.createQuery("INSERT INTO ingest_run (origin, format) VALUES ('push', 'CSV') RETURNING id").mapTo(Long.class).one();
        int series = h.createQuery("INSERT INTO series (metric, symbol) VALUES ('cpu_ratio', '') RETURNING id").mapTo(Integer.class).one();
        for (int line = 2; line <= 3; line++) {
            h.execute("INSERT INTO ingest_rejection (ingest_id, origin, line, raw, reason) VALUES (?, 'push', ?, 'bad,line', 'no value')",
                    run, line);
            h.execute("INSERT INTO ingest_conflict (ingest_id, origin, line, series_id, ts, kept_value, offered_value) "
                    + "VALUES (?, 'push', ?, ?, now(), 0.25, 0.5)", run, line + 10, series);
        }
        AuditChain.linkGroup(h, ChainedTables.INGEST_REJECTION, run);
        AuditChain.linkGroup(h, ChainedTables.INGEST_CONFLICT, run);

        long agentReport = h.createQuery("""
                        INSERT INTO agent_report (release, instance, state_hash, symbols, baseline, result, exit_code, output,
                            detail, applied_at, reported_by)
                        VALUES ('r', 'node-1', :sha, '["ETHUSDT"]', false, 'APPLIED', 0, 'applied', 'ok', now(), 'token:agent')
                        RETURNING id""").bind("sha", SHA).mapTo(Long.class).one();
        AuditChain.link(h, ChainedTables.AGENT_REPORT, agentReport);

        long adoption = h.createQuery("INSERT INTO audit_adoption (adopted_by, adopted) VALUES ('ivan', '[]') RETURNING id")
                .mapTo(Long.class).one();
        AuditChain.link(h, ChainedTables.ADOPTION, adoption);
    }

    private static long alert(Handle h, long evaluation) {
        long id = h.createQuery("""
                        INSERT INTO alert (release, kind, severity, stage, evaluation_id, subject, summary, reasons, escalate, raised_at)
                        VALUES ('r', 'ROLLBACK_DECISION', 'CRITICAL', 'gray_10pct', :e, 'crash_count', 'rolled back',
                            '["crash"]', true, now()) RETURNING id""").bind("e", evaluation).mapTo(Long.class).one();
        AuditChain.link(h, ChainedTables.ALERT, id);
        return id;
    }
}
