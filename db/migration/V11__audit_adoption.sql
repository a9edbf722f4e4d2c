-- Adoption of legacy rows into the audit chain (graygate audit link-legacy --by NAME). Rows stored before
-- the chain existed (V2), or written around graygate, have no chain link and make `audit verify` fail as
-- UNLINKED. An operator adopts them explicitly: one transaction, under the chain's advisory lock, appends
-- a link for each such row (in table order, then id order) and then this row, naming who adopted what,
-- which is itself chained (entity 'adoption'). Append-only like every audited table.
CREATE TABLE audit_adoption (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    adopted_by text        NOT NULL CHECK (btrim(adopted_by) <> ''),
    adopted_at timestamptz NOT NULL DEFAULT now(),
    adopted    jsonb       NOT NULL  -- [{"entity": ..., "table": ..., "id": ...}] in the order they were linked
);

CREATE TRIGGER audit_adoption_append_only_row BEFORE UPDATE OR DELETE ON audit_adoption
    FOR EACH ROW EXECUTE FUNCTION graygate_forbid_change();
CREATE TRIGGER audit_adoption_append_only_truncate BEFORE TRUNCATE ON audit_adoption
    FOR EACH STATEMENT EXECUTE FUNCTION graygate_forbid_change();
