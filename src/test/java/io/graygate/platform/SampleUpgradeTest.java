package io.graygate.platform;

import org.junit.jupiter.api.Tag;
import io.graygate.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A database that stored samples before V12 (one unpartitioned table) keeps every one of them after the
 * upgrade, each in the partition of its UTC day, keyed. Run in a schema of its own, migrated to V11 first.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class SampleUpgradeTest {
    private static final String SCHEMA = "before_v12";

    @Test
    void samplesStoredBeforeV12MoveIntoTheirDayPartitions(Database db) {
        Jdbi jdbi = Jdbi.create(db.dataSource());
        flyway(db, "11").migrate();
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO before_v12.sample (series_id, ts, value, ingest_id) VALUES
                  (1, '2026-05-01 00:00:00+00', 1, 0), (1, '2026-05-01 23:59:59.999999+00', 2, 0),
                  (2, '2026-05-01 12:00:00+00', 3, 0), (1, '2026-05-02 00:00:00+00', 4, 0),
                  (1, '2026-05-04 07:30:00+02', 5, 0)"""));

        flyway(db, "latest").migrate();

        List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery("""
                        SELECT tableoid::regclass::text AS part, count(*) AS n FROM before_v12.sample
                        GROUP BY 1 ORDER BY 1""").mapToMap().list());
        assertThat(rows).extracting(r -> r.get("part"), r -> r.get("n")).containsExactly(
                tuple("before_v12.sample_20260501", 3L), tuple("before_v12.sample_20260502", 1L),
                tuple("before_v12.sample_20260504", 1L));
        Map<String, Object> keys = jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FILTER (WHERE i.indisprimary) AS keyed, count(*) AS partitions
                        FROM pg_inherits p LEFT JOIN pg_index i ON i.indrelid = p.inhrelid AND i.indisprimary
                        WHERE p.inhparent = 'before_v12.sample'::regclass""").mapToMap().one());
        assertThat(keys).contains(entry("keyed", 3L), entry("partitions", 3L));
        boolean oldTableGone = jdbi.withHandle(h -> h.createQuery(
                "SELECT to_regclass('before_v12.sample_before_partitioning') IS NULL").mapTo(Boolean.class).one());
        assertThat(oldTableGone).isTrue();
    }

    private static Flyway flyway(Database db, String target) {
        return Flyway.configure().dataSource(db.dataSource()).schemas(SCHEMA).locations("classpath:db/migration")
                .target(target).load();
    }
}
