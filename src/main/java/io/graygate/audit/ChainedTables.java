package io.graygate.audit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * THE registry of chained tables: every append-only table graygate writes is covered by chain links, and
 * {@code audit verify} recomputes the content of each, and reports each row (or group) without a link.
 * The catalogue test ({@code ChainRegistryCatalogueTest}) fails when PostgreSQL holds an append-only table
 * (one with the {@code graygate_forbid_change} trigger) that is neither here nor in {@link #NOT_CHAINED}.
 *
 * <p>Adding a table is one line in {@link #ALL} ({@code ChainedTable.rows("agent_report", "id")}) plus, in
 * its writer, {@code AuditChain.link(handle, ChainedTables.AGENT_REPORT, id)} in the transaction that
 * inserts the row. New columns of a chained table must be nullable without a default: the content leaves
 * nulls out, so old rows keep their content and their links keep verifying.
 */
public final class ChainedTables {
    public static final ChainedTable RULESET = ChainedTable.custom(CanonicalContent.RULESET, "ruleset", "sha256",
            "min(t.created_at)", CanonicalContent::ruleSets, "ruleset_file");
    public static final ChainedTable EVALUATION = ChainedTable.custom(CanonicalContent.EVALUATION, "evaluation", "id",
            "min(t.id)", CanonicalContent::evaluations, "evaluation_fact", "rule_firing", "evaluation_vote");
    public static final ChainedTable RELEASE_EVENT = ChainedTable.rows("release_event", "id");
    public static final ChainedTable STAGE_DECISION = ChainedTable.rows("stage_decision", "id");
    public static final ChainedTable ATTESTATION = ChainedTable.rows("attestation", "id");
    public static final ChainedTable RELEASE_PREREQUISITE = ChainedTable.rows("release_prerequisite", "id");
    public static final ChainedTable SCHEDULED_EVALUATION = ChainedTable.rows("scheduled_evaluation", "evaluation_id");
    public static final ChainedTable SCHEDULED_DAY = ChainedTable.rows("scheduled_day", "release", "business_date");
    public static final ChainedTable PROBLEM = ChainedTable.rows("problem", "id");
    public static final ChainedTable PROBLEM_SIGHTING = ChainedTable.groups("problem_sighting", "evaluation_id",
            "problem_id, vote_seq");
    public static final ChainedTable PROBLEM_RESOLUTION = ChainedTable.rows("problem_resolution", "problem_id");
    public static final ChainedTable ALERT = ChainedTable.rows("alert", "id");
    public static final ChainedTable ALERT_ACK = ChainedTable.rows("alert_ack", "alert_id");
    public static final ChainedTable ALERT_CLEAR = ChainedTable.rows("alert_clear", "alert_id");
    public static final ChainedTable ALERT_NOTIFICATION = ChainedTable.rows("alert_notification", "id");
    public static final ChainedTable ALERT_DELIVERY = ChainedTable.rows("alert_delivery", "notification_id", "attempt");
    public static final ChainedTable GATE_STREAK = ChainedTable.rows("evaluation_gate_streak", "evaluation_id");
    public static final ChainedTable MODE_REPLAY = ChainedTable.rows("mode_replay", "id");
    public static final ChainedTable MODE_TRANSITION = ChainedTable.groups("mode_transition", "replay_id", "seq");
    public static final ChainedTable MODE_SWITCH_DAY = ChainedTable.groups("mode_switch_day", "replay_id", "symbol, day");
    public static final ChainedTable TUNING_RUN = ChainedTable.rows("tuning_run", "id");
    public static final ChainedTable REPORT_EXPORT = ChainedTable.rows("report_export", "id");
    public static final ChainedTable INGEST_REJECTION = ChainedTable.groups("ingest_rejection", "ingest_id", "line");
    public static final ChainedTable INGEST_CONFLICT = ChainedTable.groups("ingest_conflict", "ingest_id", "line");
    public static final ChainedTable AGENT_REPORT = ChainedTable.custom(AgentReportContent.ENTITY, "agent_report", "id",
            "min(t.id)", AgentReportContent::canonical);
    public static final ChainedTable ADOPTION = ChainedTable.custom(LegacyAdoption.ENTITY, "audit_adoption", "id",
            "min(t.id)", LegacyAdoption::canonical);

    /** Every chained table, in adoption order (rule sets before the evaluations that use them; adoptions last). */
    public static final List<ChainedTable> ALL = List.of(RULESET, EVALUATION, RELEASE_EVENT, STAGE_DECISION, ATTESTATION,
            RELEASE_PREREQUISITE, SCHEDULED_EVALUATION, SCHEDULED_DAY, PROBLEM, PROBLEM_SIGHTING, PROBLEM_RESOLUTION,
            ALERT, ALERT_ACK, ALERT_CLEAR, ALERT_NOTIFICATION, ALERT_DELIVERY, GATE_STREAK, MODE_REPLAY,
            MODE_TRANSITION, MODE_SWITCH_DAY, TUNING_RUN, REPORT_EXPORT, INGEST_REJECTION, INGEST_CONFLICT, AGENT_REPORT, ADOPTION);

    /** Tables graygate keeps that are not chained, each with the reason. */
    public static final Map<String, String> NOT_CHAINED = Map.of(
            "audit_chain", "the chain itself: each link is checked by its successor, its key and the checkpoints",
            "series", "mutable by design: an id per (metric, symbol, source), added on first sight; samples refer to it",
            "sample", "the raw metric samples, millions per day in day partitions; evaluations chain the facts built from them",
            "ingest_run", "mutable by design: a load's counters are filled in when it finishes; its rejections and conflicts are chained",
            "scheduled_tasks", "db-scheduler's own table: it updates execution times and heartbeats",
            "prometheus_pull_cursor", "mutable by design: the pull's resume point, moved forward after every pull",
            "flyway_schema_history", "Flyway's record of applied migrations",
            "fact_type_alias", "a static name map written by migration V14; stored facts keep the names they were hashed with",
            "agent_presence", "mutable by design: when each agent was last seen; what agents did is in agent_report, chained");

    private ChainedTables() {
    }

    public static Optional<ChainedTable> byEntity(String entity) {
        return ALL.stream().filter(t -> t.entity().equals(entity)).findFirst();
    }
}
