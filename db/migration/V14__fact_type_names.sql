-- Stored facts are keyed by a stable fact-type name (io.graygate.decision.FactTypes), never by where a record
-- lives in Java. evaluation_fact rows are append-only and hashed by the audit chain, so a row is never rewritten:
-- instead this table maps each other name a fact may have been stored under (a record's Java class name) to its
-- stable name, and readers (replay, reports) read the view evaluation_fact_typed, whose type is the stable name.
-- Rows stored under the stable names (every row graygate has written) map to themselves.
CREATE TABLE fact_type_alias (
    stored_type text PRIMARY KEY,
    fact_type   text NOT NULL CHECK (fact_type ~ '^[A-Z][A-Za-z0-9]*$')
);

INSERT INTO fact_type_alias (stored_type, fact_type) VALUES
    ('io.graygate.facts.Stage', 'Stage'),
    ('io.graygate.facts.MetricSummary', 'MetricSummary'),
    ('io.graygate.facts.DailyMetric', 'DailyMetric'),
    ('io.graygate.facts.Comparison', 'Comparison'),
    ('io.graygate.facts.DistributionShift', 'DistributionShift'),
    ('io.graygate.facts.Coverage', 'Coverage'),
    ('io.graygate.facts.ComputedSwitches', 'ComputedSwitches'),
    ('io.graygate.facts.OpenProblem', 'OpenProblem'),
    ('io.graygate.facts.Attestation', 'Attestation'),
    ('io.graygate.facts.GateParams', 'GateParams'),
    ('io.graygate.facts.PriorGateState', 'PriorGateState'),
    ('io.graygate.facts.GateStreak', 'GateStreak'),
    ('io.graygate.facts.SoftTrigger', 'SoftTrigger'),
    ('io.graygate.facts.Vote', 'Vote'),
    ('io.graygate.facts.LastRollback', 'LastRollback'),
    ('io.graygate.facts.RequiredStatement', 'RequiredStatement'),
    ('io.graygate.facts.StageDecision', 'StageDecision'),
    ('io.graygate.facts.StageEntry', 'StageEntry');

CREATE VIEW evaluation_fact_typed AS
SELECT f.evaluation_id, f.fact_id, coalesce(a.fact_type, f.type) AS type, f.derived_by, f.content
FROM evaluation_fact f
LEFT JOIN fact_type_alias a ON a.stored_type = f.type;
