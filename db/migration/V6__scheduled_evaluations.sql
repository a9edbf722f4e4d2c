-- The scheduled daily evaluation inside `graygate serve` (io.graygate.schedule).

-- db-scheduler's own table, as the library's PostgreSQL schema for version 16 defines it: one row per pending
-- task instance (one per release and business date, plus each release's daily planner). The library updates
-- these rows (picked, heartbeat, failures), so this table is not append-only.
CREATE TABLE scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- One row per release and business date the scheduler has dealt with: the evaluation it stored, or why there
-- was nothing to evaluate (no stage live that day). Written in the evaluation's own transaction, next to the
-- scheduled_evaluation claim (V5), so a day is either fully done or not at all. The planner reads it to find
-- the missing days after downtime; the primary key keeps a day from being done twice by two instances.
CREATE TABLE scheduled_day (
    release       text        NOT NULL,
    business_date date        NOT NULL,
    outcome       text        NOT NULL CHECK (outcome IN ('EVALUATED', 'NOTHING_LIVE')),
    stage         text,
    evaluation_id bigint      UNIQUE REFERENCES evaluation (id),
    note          text        NOT NULL,
    instance      text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (release, business_date),
    CHECK ((outcome = 'EVALUATED') = (evaluation_id IS NOT NULL AND stage IS NOT NULL))
);

CREATE TRIGGER scheduled_day_append_only_row BEFORE UPDATE OR DELETE ON scheduled_day
    FOR EACH ROW EXECUTE FUNCTION graygate_forbid_change();
CREATE TRIGGER scheduled_day_append_only_truncate BEFORE TRUNCATE ON scheduled_day
    FOR EACH STATEMENT EXECUTE FUNCTION graygate_forbid_change();
