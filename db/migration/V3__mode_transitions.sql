-- The mode switch as graygate computes it from stored activity samples with rules/hysteresis.drl:
-- every replay (graygate modes, evaluations, tuning) with its parameters and rule-set SHA-256, the
-- transitions it decided and the switches per symbol-day; and the reports of tuning runs. Append-only.

CREATE TABLE mode_replay (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    release            text             NOT NULL,
    stage              text             NOT NULL,
    window_from        date             NOT NULL,
    window_to          date             NOT NULL,
    symbols            text[]           NOT NULL,
    min_active_windows integer          NOT NULL,
    min_quiet_windows  integer          NOT NULL,
    active_threshold   double precision NOT NULL,
    window_seconds     integer          NOT NULL,
    ruleset_sha256     text             NOT NULL REFERENCES ruleset (sha256),
    engine_version     text             NOT NULL,
    requested_by       text             NOT NULL,
    created_at         timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX mode_replay_stage ON mode_replay (release, stage, window_to);

-- One row per switch: the window in which the streak reached its threshold.
CREATE TABLE mode_transition (
    replay_id    bigint      NOT NULL REFERENCES mode_replay (id),
    seq          integer     NOT NULL,
    symbol       text        NOT NULL,
    window_start timestamptz NOT NULL,
    window_end   timestamptz NOT NULL,
    from_mode    text        NOT NULL CHECK (from_mode IN ('quiet', 'active')),
    to_mode      text        NOT NULL CHECK (to_mode IN ('quiet', 'active')),
    PRIMARY KEY (replay_id, seq)
);

-- Every symbol-day with activity samples, with or without switches.
CREATE TABLE mode_switch_day (
    replay_id bigint  NOT NULL REFERENCES mode_replay (id),
    symbol    text    NOT NULL,
    day       date    NOT NULL,
    windows   integer NOT NULL,
    switches  integer NOT NULL,
    PRIMARY KEY (replay_id, symbol, day)
);

-- graygate tune: the whole report as JSON plus the recommendation, for audit.
CREATE TABLE tuning_run (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    release                text        NOT NULL,
    stage                  text        NOT NULL,
    window_from            date        NOT NULL,
    window_to              date        NOT NULL,
    target_low             integer     NOT NULL,
    target_high            integer     NOT NULL,
    alert_above            integer     NOT NULL,
    recommended_min_active integer,
    recommended_min_quiet  integer,
    ruleset_sha256         text        NOT NULL REFERENCES ruleset (sha256),
    engine_version         text        NOT NULL,
    requested_by           text        NOT NULL,
    report                 jsonb       NOT NULL,
    created_at             timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['mode_replay', 'mode_transition', 'mode_switch_day', 'tuning_run']
    LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION graygate_forbid_change()',
                       t || '_append_only_row', t);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION graygate_forbid_change()',
                       t || '_append_only_truncate', t);
    END LOOP;
END;
$$;
