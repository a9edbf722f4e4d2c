-- graygate core schema: metric samples keyed by a small integer series id, the ingest log,
-- rule sets, and the append-only audit of every evaluation.

-- One row per (metric, symbol, source). Samples refer to it by id so that the hot table and its
-- primary key hold 4-byte integers instead of three text columns.
CREATE TABLE series (
    id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    metric text NOT NULL,
    symbol text NOT NULL DEFAULT '',   -- '' for metrics that concern the whole system
    source text NOT NULL DEFAULT '',
    UNIQUE (metric, symbol, source)
);

CREATE TABLE ingest_run (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    origin      text        NOT NULL,   -- file path, or the HTTP client that pushed
    format      text        NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    lines       integer     NOT NULL DEFAULT 0,
    accepted    integer     NOT NULL DEFAULT 0,
    duplicates  integer     NOT NULL DEFAULT 0,
    conflicts   integer     NOT NULL DEFAULT 0,
    rejected    integer     NOT NULL DEFAULT 0
);

-- No foreign keys here on purpose: this table takes millions of rows per load and a per-row FK check
-- would cost more than it protects; series ids are only ever written by the ingest itself.
CREATE TABLE sample (
    series_id integer          NOT NULL,
    ts        timestamptz      NOT NULL,
    value     double precision NOT NULL,
    ingest_id bigint           NOT NULL,
    PRIMARY KEY (series_id, ts)
);

CREATE TABLE ingest_rejection (
    ingest_id bigint  NOT NULL REFERENCES ingest_run (id),
    origin    text    NOT NULL,
    line      integer NOT NULL,
    raw       text    NOT NULL,
    reason    text    NOT NULL,
    PRIMARY KEY (ingest_id, line)
);

-- The same (series, ts) offered with another value: the first value is kept, the offer is recorded here.
CREATE TABLE ingest_conflict (
    ingest_id     bigint           NOT NULL REFERENCES ingest_run (id),
    origin        text             NOT NULL,
    line          integer          NOT NULL,
    series_id     integer          NOT NULL REFERENCES series (id),
    ts            timestamptz      NOT NULL,
    kept_value    double precision NOT NULL,
    offered_value double precision NOT NULL,
    PRIMARY KEY (ingest_id, line)
);

-- A rule set is stored once per SHA-256 of its files; every evaluation points at the one it used.
CREATE TABLE ruleset (
    sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    loaded_by  text        NOT NULL
);

CREATE TABLE ruleset_file (
    ruleset_sha256 text NOT NULL REFERENCES ruleset (sha256),
    path           text NOT NULL,
    sha256         text NOT NULL,
    content        text NOT NULL,
    PRIMARY KEY (ruleset_sha256, path)
);

CREATE TABLE evaluation (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    release          text        NOT NULL,
    stage            text        NOT NULL,
    stage_number     integer     NOT NULL,
    as_of            date        NOT NULL,
    window_start     date        NOT NULL,
    window_end       date        NOT NULL,
    observation_days integer     NOT NULL,
    days_observed    integer     NOT NULL,
    ruleset_sha256   text        NOT NULL REFERENCES ruleset (sha256),
    engine_version   text        NOT NULL,
    decision         text        NOT NULL CHECK (decision IN ('ADVANCE', 'HOLD', 'ROLLBACK')),
    stage_config     jsonb       NOT NULL,  -- the stage's configuration as used
    created_at       timestamptz NOT NULL DEFAULT now(),
    supersedes       bigint REFERENCES evaluation (id)
);
CREATE INDEX evaluation_stage_as_of ON evaluation (release, stage, as_of);

-- Every fact the rules saw (inputs) or inserted (derived, with the firing that inserted it).
CREATE TABLE evaluation_fact (
    evaluation_id bigint  NOT NULL REFERENCES evaluation (id),
    fact_id       integer NOT NULL,
    type          text    NOT NULL,
    derived_by    integer,            -- rule_firing.seq, NULL for input facts
    content       jsonb   NOT NULL,
    PRIMARY KEY (evaluation_id, fact_id)
);

CREATE TABLE rule_firing (
    evaluation_id bigint  NOT NULL REFERENCES evaluation (id),
    seq           integer NOT NULL,
    rule_name     text    NOT NULL,
    rule_file     text    NOT NULL,
    kind          text    NOT NULL,
    matched       jsonb   NOT NULL,   -- the matched objects: {"fact": id} for facts, inline values otherwise
    PRIMARY KEY (evaluation_id, seq)
);

CREATE TABLE evaluation_vote (
    evaluation_id bigint  NOT NULL REFERENCES evaluation (id),
    seq           integer NOT NULL,
    firing_seq    integer,            -- NULL for graygate's own checks
    rule_name     text    NOT NULL,
    kind          text    NOT NULL,
    verdict       text    NOT NULL CHECK (verdict IN ('ADVANCE', 'HOLD', 'ROLLBACK')),
    severity      text    NOT NULL,
    code          text    NOT NULL,
    message       text    NOT NULL,
    metric        text    NOT NULL,
    value         double precision,
    threshold     text    NOT NULL,
    baseline      double precision,
    met           boolean NOT NULL,
    PRIMARY KEY (evaluation_id, seq)
);

-- Append-only: the audit trail cannot be changed in place. Corrections are new rows (evaluation.supersedes).
CREATE FUNCTION graygate_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'graygate: % on % is not allowed: the audit trail is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['ruleset', 'ruleset_file', 'evaluation', 'evaluation_fact', 'rule_firing',
                             'evaluation_vote', 'ingest_rejection', 'ingest_conflict']
    LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION graygate_forbid_change()',
                       t || '_append_only_row', t);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION graygate_forbid_change()',
                       t || '_append_only_truncate', t);
    END LOOP;
END;
$$;
