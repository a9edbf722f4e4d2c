-- A replay runs with two thresholds (hysteresis.quiet_threshold, the exit threshold, may be below
-- active_threshold) but mode_replay recorded only active_threshold. graygate writes both from now on.
-- Rows stored before this migration keep NULL ("not recorded") rather than a copy of active_threshold:
-- replays stored since quiet_threshold existed may have run with a lower one, and a copied value would be
-- a guess presented as a record in an append-only audit table (whose UPDATE trigger forbids the copy anyway).
ALTER TABLE mode_replay ADD COLUMN quiet_threshold double precision;
ALTER TABLE mode_replay ADD CONSTRAINT mode_replay_quiet_threshold_not_above_active
    CHECK (quiet_threshold IS NULL OR quiet_threshold <= active_threshold);
