-- Tamper-evident audit chain. Every stored evaluation and every newly stored rule set (and, later, human
-- actions such as approvals) appends one link in the same transaction as the rows it covers:
--   content_sha256 = SHA-256 of the covered rows' canonical JSON
--   hash           = SHA-256 of (seq, entity, entity_id, content_sha256, prev_hash, created_at)
-- Links are computed in Java (io.graygate.audit.AuditChain) under pg_advisory_xact_lock, so concurrent
-- appends serialize and seq has no gaps. The first link's prev_hash is 64 zeros.
CREATE TABLE audit_chain (
    seq            bigint      PRIMARY KEY CHECK (seq > 0),
    entity         text        NOT NULL,
    entity_id      text        NOT NULL,
    content_sha256 text        NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
    prev_hash      text        NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash           text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    created_at     timestamptz NOT NULL
);
CREATE INDEX audit_chain_entity ON audit_chain (entity, entity_id);
CREATE INDEX audit_chain_created_at ON audit_chain (created_at);

-- Append-only like the tables it covers (graygate_forbid_change() comes from V1).
CREATE TRIGGER audit_chain_append_only_row BEFORE UPDATE OR DELETE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION graygate_forbid_change();
CREATE TRIGGER audit_chain_append_only_truncate BEFORE TRUNCATE ON audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION graygate_forbid_change();

-- rule history and replay look evaluations up by rule set and by day
CREATE INDEX evaluation_ruleset ON evaluation (ruleset_sha256);
CREATE INDEX evaluation_as_of ON evaluation (as_of);
