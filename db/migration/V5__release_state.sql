-- Release lifecycle: what stage the release is in, who moved it there and why, the decision meeting's
-- verdict on each evaluation, the stage-1 prerequisites, and the scheduler's exactly-once key.
-- All of it is append-only (the V1 trigger function): the current state is the latest event, so a
-- rollback is a single INSERT that every reader sees as soon as it commits.

CREATE TABLE release_event (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    release      text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('STAGE_STARTED', 'ROLLED_BACK', 'COMPLETED')),
    stage        text,                 -- NULL for ROLLED_BACK: the target is the baseline
    stage_number integer,
    actor        text        NOT NULL, -- person (--by) or "token:NAME" for the HTTP API
    reason       text        NOT NULL,
    drill        boolean     NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX release_event_latest ON release_event (release, id DESC);

-- The decision meeting's verdict on one evaluation. The rules' recommendation is copied next to the human
-- decision so that an override (approved = false) stays visible without joining back.
CREATE TABLE stage_decision (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    evaluation_id  bigint      NOT NULL UNIQUE REFERENCES evaluation (id),
    release        text        NOT NULL,
    stage          text        NOT NULL,
    recommendation text        NOT NULL CHECK (recommendation IN ('ADVANCE', 'HOLD', 'ROLLBACK')),
    approved       boolean     NOT NULL,
    outcome        text        NOT NULL CHECK (outcome IN ('ADVANCE', 'HOLD', 'ROLLBACK')),
    decided_by     text        NOT NULL,
    reason         text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- Stage-1 entry facts (24-hour test, end-to-end test, dashboard, alert channel) until attested facts exist.
CREATE TABLE release_prerequisite (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    release      text        NOT NULL,
    name         text        NOT NULL,
    satisfied_by text        NOT NULL,
    evidence     text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX release_prerequisite_release ON release_prerequisite (release, name);

-- Exactly-once effect for scheduled evaluations. Evaluations stay append-only and may be re-run by hand
-- (a correction, a what-if), so the evaluation table itself carries no unique key; the scheduler instead
-- claims (release, stage, as_of) here in the same transaction that stores the evaluation. Two instances
-- racing on the same day: the second INSERT waits for the first commit, fails, and its evaluation rolls back.
CREATE TABLE scheduled_evaluation (
    release       text        NOT NULL,
    stage         text        NOT NULL,
    as_of         date        NOT NULL,
    evaluation_id bigint      NOT NULL UNIQUE REFERENCES evaluation (id),
    instance      text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (release, stage, as_of)
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['release_event', 'stage_decision', 'release_prerequisite', 'scheduled_evaluation']
    LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION graygate_forbid_change()',
                       t || '_append_only_row', t);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION graygate_forbid_change()',
                       t || '_append_only_truncate', t);
    END LOOP;
END;
$$;
