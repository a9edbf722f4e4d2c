package io.graygate.platform;

import org.junit.jupiter.api.Tag;
import io.graygate.testing.TestDatabase;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The Flyway migrations under db/migration, applied to a fresh database. */
@ExtendWith(TestDatabase.class)
@Tag("db")
class MigrationTest {
    private static final List<String> TABLES = List.of("series", "ingest_run", "sample", "ingest_rejection",
            "ingest_conflict", "ruleset", "ruleset_file", "evaluation", "evaluation_fact", "rule_firing",
            "evaluation_vote");
    private static final List<String> APPEND_ONLY = List.of("ruleset", "ruleset_file", "evaluation", "evaluation_fact",
            "rule_firing", "evaluation_vote", "ingest_rejection", "ingest_conflict");

    private static Database db;
    private static Jdbi jdbi;

    @BeforeAll
    static void setUp(Database database) {
        db = database;
        jdbi = database.jdbi();
    }

    @Test
    void flywayInfoShowsV1Applied() {
        List<MigrationInfo> infos = db.migrationInfo();

        assertThat(infos).extracting(i -> i.getVersion().getVersion(), MigrationInfo::getDescription, MigrationInfo::getState)
                .contains(tuple("1", "core schema", MigrationState.SUCCESS));
        assertThat(infos).allSatisfy(i -> {
            assertThat(i.getState()).isEqualTo(MigrationState.SUCCESS);
            assertThat(i.getInstalledOn()).isNotNull();
        });
        Boolean success = jdbi.withHandle(h -> h.createQuery(
                "SELECT success FROM flyway_schema_history WHERE version = '1'").mapTo(Boolean.class).one());
        assertThat(success).isTrue();
    }

    @Test
    void migratingAgainAppliesNothing() {
        MigrateResult again = db.migrate();

        assertThat(again.migrationsExecuted).isZero();
        assertThat(again.success).isTrue();
        int rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM flyway_schema_history WHERE version = '1'")
                .mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void everyTableExists() {
        List<String> tables = jdbi.withHandle(h -> h.createQuery("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'").mapTo(String.class).list());

        assertThat(tables).containsAll(TABLES).contains("flyway_schema_history");
    }

    @Test
    void everyAuditTableHasItsAppendOnlyTriggers() {
        for (String table : APPEND_ONLY) {
            List<String> triggers = jdbi.withHandle(h -> h.createQuery("SELECT t.tgname FROM pg_trigger t "
                            + "JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relname = :table AND NOT t.tgisinternal "
                            + "AND t.tgenabled = 'O' ORDER BY t.tgname")
                    .bind("table", table).mapTo(String.class).list());
            assertThat(triggers).as("triggers on %s", table)
                    .containsExactly(table + "_append_only_row", table + "_append_only_truncate");
        }
    }

    @Test
    void sampleKeyAndConstraintsAreAsDesigned() {
        List<String> sampleKey = jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.attname FROM pg_index i
                        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                        WHERE i.indrelid = 'sample'::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)""")
                .mapTo(String.class).list());
        assertThat(sampleKey).containsExactly("series_id", "ts");

        // The decision and vote verdict columns accept only the three verdicts; ruleset keys must be SHA-256 hex.
        List<String> checks = jdbi.withHandle(h -> h.createQuery("SELECT conrelid::regclass::text || ':' || "
                + "pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'c' ORDER BY 1").mapTo(String.class).list());
        assertThat(checks).anySatisfy(c -> assertThat(c).startsWith("evaluation:").contains("ADVANCE", "HOLD", "ROLLBACK"))
                .anySatisfy(c -> assertThat(c).startsWith("evaluation_vote:").contains("ADVANCE", "HOLD", "ROLLBACK"))
                .anySatisfy(c -> assertThat(c).startsWith("ruleset:").contains("0-9a-f"));
    }
}
