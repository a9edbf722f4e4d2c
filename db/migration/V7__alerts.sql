-- Alerts and their webhook notifications. Everything is history, so every table is append-only (the V1
-- trigger function); an alert's state is derived from the rows appended about it:
--   open          no alert_ack and no alert_clear row
--   acknowledged  an alert_ack row (stops escalation)
--   cleared       an alert_clear row (a stale-data episode that ended: fresh samples arrived)
-- A notification (one alert, one escalation level, one channel) is pending until an attempt delivered it or
-- the attempts ran out; each attempt is one alert_delivery row.

CREATE TABLE alert (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    release       text        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('ROLLBACK_DECISION', 'CRITICAL_ALERT', 'STALE_DATA', 'OPERATOR_ROLLBACK')),
    severity      text        NOT NULL CHECK (severity IN ('WARNING', 'CRITICAL')),
    stage         text        NOT NULL DEFAULT '',
    evaluation_id bigint      REFERENCES evaluation (id),
    vote_seq      integer,             -- the critical alert vote, for CRITICAL_ALERT
    event_id      bigint      UNIQUE REFERENCES release_event (id),  -- the operator's rollback, for OPERATOR_ROLLBACK
    subject       text        NOT NULL DEFAULT '',  -- the metric of a STALE_DATA episode or of a vote
    summary       text        NOT NULL,
    reasons       jsonb       NOT NULL DEFAULT '[]',
    escalate      boolean     NOT NULL,             -- false: only the first level is told (nobody needs to act)
    raised_at     timestamptz NOT NULL
);
CREATE INDEX alert_release ON alert (release, id DESC);
CREATE INDEX alert_stale_subject ON alert (release, subject) WHERE kind = 'STALE_DATA';

CREATE TABLE alert_ack (
    alert_id  bigint      PRIMARY KEY REFERENCES alert (id),
    acked_by  text        NOT NULL,
    note      text        NOT NULL DEFAULT '',
    acked_at  timestamptz NOT NULL
);

CREATE TABLE alert_clear (
    alert_id   bigint      PRIMARY KEY REFERENCES alert (id),
    reason     text        NOT NULL,
    cleared_at timestamptz NOT NULL
);

-- Planned once per (alert, level, channel): two dispatchers planning the same escalation step collide on
-- the unique key and one of them inserts nothing.
CREATE TABLE alert_notification (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id   bigint      NOT NULL REFERENCES alert (id),
    level      integer     NOT NULL,
    channel    text        NOT NULL,
    due_at     timestamptz NOT NULL,
    UNIQUE (alert_id, level, channel)
);

-- One row per POST. (notification_id, attempt) is unique, so a notification sent twice by two dispatchers
-- would fail on the second row instead of being recorded twice.
CREATE TABLE alert_delivery (
    notification_id bigint      NOT NULL REFERENCES alert_notification (id),
    attempt         integer     NOT NULL,
    attempted_at    timestamptz NOT NULL,
    status_code     integer,            -- NULL when no HTTP answer (connection refused, timeout)
    error           text        NOT NULL DEFAULT '',
    delivered       boolean     NOT NULL,
    next_attempt_at timestamptz,        -- NULL when delivered or when this was the last attempt
    instance        text        NOT NULL,
    PRIMARY KEY (notification_id, attempt)
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['alert', 'alert_ack', 'alert_clear', 'alert_notification', 'alert_delivery']
    LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION graygate_forbid_change()',
                       t || '_append_only_row', t);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION graygate_forbid_change()',
                       t || '_append_only_truncate', t);
    END LOOP;
END;
$$;
