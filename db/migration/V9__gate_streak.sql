-- Gate hysteresis across days: each evaluation records the streaks it saw (the previous evaluation of the
-- same stage attempt, its input fact PriorGateState) and the streaks it leaves (the GateStreak fact the
-- rules derived), so the next evaluation, replay and reports read them without re-deciding anything.
-- Written in the evaluation's own transaction; append-only like the rest of the evaluation.

CREATE TABLE evaluation_gate_streak (
    evaluation_id          bigint  PRIMARY KEY REFERENCES evaluation (id),
    prior_evaluation_id    bigint  REFERENCES evaluation (id),  -- NULL: no prior (first evaluation, or a restart)
    seen_passes            integer NOT NULL CHECK (seen_passes >= 0),
    seen_soft_failures     integer NOT NULL CHECK (seen_soft_failures >= 0),
    seen_last_decision     text    NOT NULL,                    -- '' when there is no prior
    left_passes            integer NOT NULL CHECK (left_passes >= 0),
    left_soft_failures     integer NOT NULL CHECK (left_soft_failures >= 0),
    outcome                text    CHECK (outcome IN ('HEALTHY', 'UNHEALTHY', 'SOFT_TRIGGER', 'HARD_TRIGGER')),
                                                                -- NULL: the rules derived no GateStreak
    min_consecutive_passes integer NOT NULL,
    failure_limit          integer NOT NULL
);

CREATE TRIGGER evaluation_gate_streak_append_only_row BEFORE UPDATE OR DELETE ON evaluation_gate_streak
    FOR EACH ROW EXECUTE FUNCTION graygate_forbid_change();
CREATE TRIGGER evaluation_gate_streak_append_only_truncate BEFORE TRUNCATE ON evaluation_gate_streak
    FOR EACH STATEMENT EXECUTE FUNCTION graygate_forbid_change();
