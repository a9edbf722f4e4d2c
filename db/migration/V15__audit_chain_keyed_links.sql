-- Keyed chain links. A link written with an audit key (GRAYGATE_AUDIT_KEY_FILE / audit.key_file) is an
-- HMAC-SHA256 under that key, which does not live in the database: someone who can write the database but
-- does not hold the key cannot recompute it. key_id is the key's fingerprint (first 16 hex digits of the
-- SHA-256 of the key), so verify knows which key authenticated each link; NULL marks an unkeyed link (every
-- link written before this migration, and links written while no key is configured), whose hash stays the
-- plain SHA-256 it always was, so existing chains keep verifying.
-- ADD COLUMN with no default rewrites no row and fires no row trigger: the append-only chain is unchanged.
ALTER TABLE audit_chain ADD COLUMN key_id text CHECK (key_id ~ '^[0-9a-f]{16}$');

-- Every append-only table is now chained (io.graygate.audit.ChainedTables). Links of tables whose rows are
-- written together (the problem sightings of one evaluation) cover the group by this key; verify reads
-- groups by it.
CREATE INDEX problem_sighting_evaluation ON problem_sighting (evaluation_id);
