-- How far each entry of the Prometheus mapping file has been pulled, per Prometheus server. A cursor, not a
-- record: it is updated in place (the pulled samples and their ingest_run rows are the record). The
-- scheduled pull in graygate serve starts from pulled_to minus its lookback.
CREATE TABLE prometheus_pull_cursor (
    prometheus_url text        NOT NULL,
    mapping_key    text        NOT NULL,   -- the entry's key in config/prometheus.yaml
    query          text        NOT NULL,   -- the PromQL of the last pull, for people reading the table
    pulled_to      timestamptz NOT NULL,   -- the last point of the last committed chunk
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (prometheus_url, mapping_key)
);
