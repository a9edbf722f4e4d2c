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

/** V8 carries the stage-1 prerequisites recorded in release_prerequisite (V5) over into attestations. */
@ExtendWith(TestDatabase.class)
@Tag("db")
class PrerequisiteMigrationTest {

    @Test
    void recordedPrerequisitesBecomeStageOneStatementsUnlessSomebodyAlreadyStatedTheCheck(Database db) {
        String schema = "before_v8";
        Jdbi jdbi = Jdbi.create(db.dataSource());
        jdbi.useHandle(h -> h.execute("CREATE SCHEMA " + schema));
        flyway(db, schema, "5").migrate();
        jdbi.useHandle(h -> {
            h.execute("SET search_path TO " + schema);
            h.execute("INSERT INTO release_prerequisite (release, name, satisfied_by, evidence) VALUES "
                    + "('r1', 'grafana_dashboard', 'bob', 'https://grafana/d/1'), "
                    + "('r1', 'grafana_dashboard', 'carol', 'recorded twice'), "
                    + "('r1', 'alert_channel', 'dave', 'pager test ok'), "
                    + "('r2', 'real_env_test_24h', 'erin', 'run 42')");
            h.execute("INSERT INTO release_event (release, kind, stage, stage_number, actor, reason) "
                    + "VALUES ('r2', 'STAGE_STARTED', 'canary_1', 1, 'erin', 'go')");
            h.execute("INSERT INTO attestation (release, stage, check_name, value, stated_by, note) "
                    + "VALUES ('r1', 'gray_10pct', 'alert_channel', false, 'frank', 'channel muted')");
        });

        flyway(db, schema, "8").migrate();

        List<Map<String, Object>> rows = jdbi.withHandle(h -> {
            h.execute("SET search_path TO " + schema);
            return h.createQuery("SELECT release, stage, check_name, value, stated_by, note FROM attestation ORDER BY id")
                    .mapToMap().list();
        });
        assertThat(rows).containsExactly(
                Map.of("release", "r1", "stage", "gray_10pct", "check_name", "alert_channel", "value", false,
                        "stated_by", "frank", "note", "channel muted"),
                Map.of("release", "r1", "stage", "gray_10pct", "check_name", "grafana_dashboard", "value", true,
                        "stated_by", "bob", "note", "recorded as prerequisite (graygate stage prerequisite): https://grafana/d/1"),
                Map.of("release", "r2", "stage", "canary_1", "check_name", "real_env_test_24h", "value", true,
                        "stated_by", "erin", "note", "recorded as prerequisite (graygate stage prerequisite): run 42"));
        jdbi.useHandle(h -> h.execute("DROP SCHEMA " + schema + " CASCADE"));
    }

    private static Flyway flyway(Database db, String schema, String target) {
        return Flyway.configure().dataSource(db.dataSource()).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration").target(target).load();
    }
}
