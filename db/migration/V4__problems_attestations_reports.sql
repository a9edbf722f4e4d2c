-- Problem log, people's statements and exported reports. All append-only, like the evaluation audit:
-- a problem's later sightings and its resolution are rows of their own, never edits of the problem.

-- A problem: opened automatically from an alert or rollback vote, or by a person (graygate problem add).
CREATE TABLE problem (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    release     text        NOT NULL,
    stage       text        NOT NULL,
    symbol      text        NOT NULL DEFAULT '',
    metric      text        NOT NULL DEFAULT '',
    code        text        NOT NULL,
    severity    text        NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    title       text        NOT NULL,
    origin      text        NOT NULL CHECK (origin IN ('alert', 'rollback', 'person')),
    opened_by   text        NOT NULL,
    opened_at   timestamptz NOT NULL DEFAULT now(),
    first_seen  date        NOT NULL
);
CREATE INDEX problem_release_stage ON problem (release, stage);

-- Every evaluation that saw the problem again; last_seen is the latest of these.
CREATE TABLE problem_sighting (
    problem_id    bigint NOT NULL REFERENCES problem (id),
    evaluation_id bigint NOT NULL REFERENCES evaluation (id),
    seen_on       date   NOT NULL,
    vote_seq      integer NOT NULL,
    PRIMARY KEY (problem_id, evaluation_id, vote_seq)
);

CREATE TABLE problem_resolution (
    problem_id  bigint      PRIMARY KEY REFERENCES problem (id),
    solution    text        NOT NULL CHECK (length(trim(solution)) > 0),
    resolved_by text        NOT NULL CHECK (length(trim(resolved_by)) > 0),
    resolved_at timestamptz NOT NULL DEFAULT now()
);

-- A person's statement on a judgement of the task card (feedback positive, team agrees, drill done...).
-- The latest statement per (release, stage, check) is the one the rules see.
CREATE TABLE attestation (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    release    text        NOT NULL,
    stage      text        NOT NULL,
    check_name text        NOT NULL CHECK (check_name ~ '^[a-z0-9_]+$'),
    value      boolean     NOT NULL,
    stated_by  text        NOT NULL CHECK (length(trim(stated_by)) > 0),
    note       text        NOT NULL DEFAULT '',
    stated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attestation_release_stage ON attestation (release, stage, check_name);

-- Every exported report: what it was built from, its bytes and their SHA-256.
CREATE TABLE report_export (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind           text        NOT NULL CHECK (kind IN ('evaluation', 'release')),
    release        text        NOT NULL,
    as_of          date        NOT NULL,
    format         text        NOT NULL CHECK (format IN ('md', 'html', 'pdf', 'csv')),
    sha256         text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    source_sha256  text        NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
    evaluation_ids bigint[]    NOT NULL,
    content        bytea       NOT NULL,
    path           text        NOT NULL,
    exported_by    text        NOT NULL,
    exported_at    timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['problem', 'problem_sighting', 'problem_resolution', 'attestation', 'report_export']
    LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION graygate_forbid_change()',
                       t || '_append_only_row', t);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION graygate_forbid_change()',
                       t || '_append_only_truncate', t);
    END LOOP;
END;
$$;
