-- Samples partitioned by UTC day. A load of a day nothing is stored for yet (the usual daily file) can
-- then build that day as a table of its own - rows in without an index, primary key built once over
-- them, attached as the day's partition - instead of pushing every row through the (series_id, ts)
-- B-tree under ON CONFLICT, which cost about 5x the plain load. Days that already hold samples (pushes,
-- re-loads, late corrections) keep the keyed, idempotent insert. Queries are unchanged: `sample` is the
-- partitioned parent, and a time window prunes to its days.
--
-- There is no default partition on purpose: a row for a day without partition fails loudly instead of
-- landing somewhere a later attach of that day would trip over. Writers create the day first with
-- graygate_sample_days(days) (the ingest does; so do the benchmark generators).

ALTER TABLE sample RENAME TO sample_before_partitioning;
ALTER TABLE sample_before_partitioning RENAME CONSTRAINT sample_pkey TO sample_before_partitioning_pkey;

CREATE TABLE sample (
    series_id integer          NOT NULL,
    ts        timestamptz      NOT NULL,
    value     double precision NOT NULL,
    ingest_id bigint           NOT NULL,
    PRIMARY KEY (series_id, ts)
) PARTITION BY RANGE (ts);

-- The advisory lock every writer takes before it looks for or creates a day's partition: two loads of a
-- new day must not both build it. Key: class 0x73616d70 ("samp"), the day as days since 1970-01-01.
CREATE FUNCTION graygate_lock_sample_day(day date) RETURNS void LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock(1935764848, day - date '1970-01-01');
$$;

CREATE FUNCTION graygate_sample_partition_name(day date) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT 'sample_' || to_char(day, 'YYYYMMDD');
$$;

-- Attaches the table named for its day, filled and keyed, as that day's partition. ATTACH checks every row
-- lies in the day and takes a SHARE UPDATE EXCLUSIVE lock on `sample`, which readers and inserts pass;
-- CREATE TABLE ... PARTITION OF would block them until the writer commits.
CREATE FUNCTION graygate_attach_sample_day(day date) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE sample ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                   graygate_sample_partition_name(day),
                   day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
END;
$$;

-- Every writer locks all the days it writes, in ascending order, before it creates or attaches any of
-- them, so that concurrent writers cannot deadlock on each other's days. graygate_sample_days creates the
-- missing partitions of the given days, empty.
CREATE FUNCTION graygate_lock_sample_days(days date[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    day date;
BEGIN
    FOR day IN SELECT DISTINCT d FROM unnest(days) d WHERE d IS NOT NULL ORDER BY d LOOP
        PERFORM graygate_lock_sample_day(day);
    END LOOP;
END;
$$;

CREATE FUNCTION graygate_sample_days(days date[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    day date;
BEGIN
    PERFORM graygate_lock_sample_days(days);
    FOR day IN SELECT DISTINCT d FROM unnest(days) d WHERE d IS NOT NULL ORDER BY d LOOP
        CONTINUE WHEN to_regclass(quote_ident(graygate_sample_partition_name(day))) IS NOT NULL;
        EXECUTE format('CREATE TABLE %I (LIKE sample INCLUDING DEFAULTS)', graygate_sample_partition_name(day));
        EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (series_id, ts)', graygate_sample_partition_name(day));
        PERFORM graygate_attach_sample_day(day);
    END LOOP;
END;
$$;

-- Existing samples move day by day the way a new day's load goes: rows into a table without index, the
-- key built once over them, the table attached.
DO $$
DECLARE
    day date;
BEGIN
    FOR day IN SELECT DISTINCT (ts AT TIME ZONE 'UTC')::date FROM sample_before_partitioning ORDER BY 1 LOOP
        EXECUTE format('CREATE TABLE %I (LIKE sample INCLUDING DEFAULTS)', graygate_sample_partition_name(day));
        EXECUTE format('INSERT INTO %I SELECT series_id, ts, value, ingest_id FROM sample_before_partitioning '
                       'WHERE ts >= %L AND ts < %L', graygate_sample_partition_name(day),
                       day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
        EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (series_id, ts)', graygate_sample_partition_name(day));
        PERFORM graygate_attach_sample_day(day);
    END LOOP;
END;
$$;

DROP TABLE sample_before_partitioning;
