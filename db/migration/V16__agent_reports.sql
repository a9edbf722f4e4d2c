-- The agents that apply the desired state on each strategy instance (graygate agent, issue 16).
-- agent_report: what an agent applied, as it reported it: the SHA-256 of the env file it wrote (the desired
-- state for its symbols, or the baseline it fell back to), when, and the apply command's result. Append-only
-- (UPDATE/DELETE/TRUNCATE raise) and chained: each report is linked into audit_chain in its transaction
-- (entity 'agent_report').
CREATE TABLE agent_report (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    release     text        NOT NULL,
    instance    text        NOT NULL CHECK (instance ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
    state_hash  text        NOT NULL CHECK (state_hash ~ '^[0-9a-f]{64}$'),
    symbols     jsonb       NOT NULL,                 -- the symbols the env file covers, in its order
    baseline    boolean     NOT NULL,                 -- the env file is the baseline for those symbols
    result      text        NOT NULL CHECK (result IN ('APPLIED', 'FAILED', 'FAIL_SAFE')),
    exit_code   integer,                              -- the apply command's, NULL when none ran or it timed out
    output      text        NOT NULL DEFAULT '' CHECK (length(output) <= 4096),
    detail      text        NOT NULL DEFAULT '' CHECK (length(detail) <= 1024),
    applied_at  timestamptz NOT NULL,                 -- the agent's clock
    received_at timestamptz NOT NULL DEFAULT now(),   -- the service's clock
    reported_by text        NOT NULL                  -- token:NAME of the caller
);
CREATE INDEX agent_report_latest ON agent_report (release, instance, id DESC);

CREATE TRIGGER agent_report_append_only_row BEFORE UPDATE OR DELETE ON agent_report
    FOR EACH ROW EXECUTE FUNCTION graygate_forbid_change();
CREATE TRIGGER agent_report_append_only_truncate BEFORE TRUNCATE ON agent_report
    FOR EACH STATEMENT EXECUTE FUNCTION graygate_forbid_change();

-- agent_presence: when each agent last asked for the desired state (liveness), for which symbols. Not an
-- audit record: one row per agent, overwritten on every poll, so an idle agent's polls do not grow the trail.
CREATE TABLE agent_presence (
    release    text        NOT NULL,
    instance   text        NOT NULL CHECK (instance ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
    symbols    jsonb       NOT NULL,
    first_seen timestamptz NOT NULL,
    last_seen  timestamptz NOT NULL,
    PRIMARY KEY (release, instance)
);
