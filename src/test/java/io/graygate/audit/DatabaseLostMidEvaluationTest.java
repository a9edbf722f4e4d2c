package io.graygate.audit;

import org.junit.jupiter.api.Tag;
import io.graygate.tools.cli.Main;
import io.graygate.platform.Database;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database connection dies while {@code graygate evaluate} is storing its evaluation. A trigger makes
 * the storing transaction wait (pg_sleep) when it reaches one table; the test sees it waiting in
 * pg_stat_activity and kills that backend from another connection with pg_terminate_backend, as a
 * PostgreSQL restart or failover would. Whichever table it stops at, nothing of the evaluation is left
 * (no evaluation row without its facts, firings, votes, problem sightings and chain link), the command
 * says so in one line with exit status 2, the chain still verifies, and a rerun stores exactly one.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class DatabaseLostMidEvaluationTest {
    private static final String AS_OF = "2026-01-19";   // History's crash day: rollback votes open problems
    private static Jdbi jdbi;
    private static String url;

    @BeforeAll
    static void setUp(Database db, @TempDir Path dir) throws IOException {
        jdbi = db.jdbi();
        url = ((PGSimpleDataSource) db.dataSource()).getURL();
        History.ingest(jdbi, dir);
        jdbi.useHandle(h -> h.execute("CREATE FUNCTION test_stall() RETURNS trigger LANGUAGE plpgsql AS $$ "
                + "BEGIN PERFORM pg_sleep(600); RETURN NULL; END; $$"));
    }

    @AfterEach
    void removeStall() {
        jdbi.useHandle(h -> h.createQuery("SELECT event_object_table FROM information_schema.triggers "
                        + "WHERE trigger_name = 'test_stall'").mapTo(String.class).list()
                .forEach(table -> h.execute("DROP TRIGGER test_stall ON " + table)));
    }

    @ParameterizedTest(name = "connection lost at the insert into {0}")
    @ValueSource(strings = {"evaluation", "evaluation_fact", "rule_firing", "evaluation_vote", "problem_sighting", "audit_chain"})
    void nothingHalfWrittenAClearErrorAndTheRerunStoresOne(String table) throws Exception {
        long before = maxEvaluationId();
        long chainBefore = count("SELECT count(*) FROM audit_chain");
        jdbi.useHandle(h -> h.execute("CREATE TRIGGER test_stall BEFORE INSERT ON " + table
                + " FOR EACH STATEMENT EXECUTE FUNCTION test_stall()"));

        CompletableFuture<History.Cli> run = CompletableFuture.supplyAsync(this::evaluate);
        int stalled = awaitStalledBackend(run);
        jdbi.useHandle(h -> h.createQuery("SELECT pg_terminate_backend(:pid)").bind("pid", stalled).mapTo(Boolean.class).one());
        History.Cli lost = run.get();

        assertThat(lost.status()).as(lost.err()).isEqualTo(Main.EXIT_ERROR);
        assertThat(lost.out()).isEmpty();
        assertThat(lost.err().lines()).singleElement().asString()
                .startsWith("graygate: gray_10pct as of " + AS_OF + ": the evaluation was not stored")
                .contains("terminating connection due to administrator command")
                .endsWith("nothing of it was written; run the command again");
        assertThat(count("SELECT count(*) FROM evaluation WHERE id > " + before)).isZero();
        assertThat(count("SELECT count(*) FROM audit_chain")).isEqualTo(chainBefore);
        assertNothingHalfWritten();

        removeStall();
        History.Cli rerun = evaluate();

        assertThat(rerun.status()).as(rerun.err()).isZero();
        assertThat(count("SELECT count(*) FROM evaluation WHERE id > " + before + " AND as_of = '" + AS_OF + "'")).isEqualTo(1);
        assertNothingHalfWritten();
        assertThat(new AuditChain(jdbi).verify().intact()).isTrue();
    }

    private History.Cli evaluate() {
        return History.run("evaluate", "--stage", "gray_10pct", "--as-of", AS_OF, "--db-url", url,
                "--release", "config/release.yaml", "--rules", "rules");
    }

    /** The backend sleeping in the trigger; fails if the command ends before it gets there. */
    private static int awaitStalledBackend(CompletableFuture<History.Cli> run) throws InterruptedException {
        while (true) {
            Optional<Integer> pid = jdbi.withHandle(h -> h.createQuery("SELECT pid FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND wait_event = 'PgSleep'").mapTo(Integer.class).findOne());
            if (pid.isPresent()) {
                return pid.get();
            }
            assertThat(run).as("the evaluation ended before it reached the stalled insert").isNotDone();
            Thread.sleep(20);
        }
    }

    /** Every evaluation has its facts, votes and chain link; no child row points at a missing evaluation. */
    private static void assertNothingHalfWritten() {
        assertThat(count("SELECT count(*) FROM evaluation e WHERE NOT EXISTS (SELECT 1 FROM evaluation_fact f WHERE f.evaluation_id = e.id)"))
                .isZero();
        assertThat(count("SELECT count(*) FROM evaluation e WHERE NOT EXISTS (SELECT 1 FROM evaluation_vote v WHERE v.evaluation_id = e.id)"))
                .isZero();
        assertThat(count("SELECT count(*) FROM evaluation e WHERE NOT EXISTS "
                + "(SELECT 1 FROM audit_chain c WHERE c.entity = 'evaluation' AND c.entity_id = e.id::text)")).isZero();
        assertThat(count("SELECT count(*) FROM problem_sighting s WHERE NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.id = s.evaluation_id)"))
                .isZero();
        assertThat(count("SELECT count(*) FROM problem p WHERE NOT EXISTS (SELECT 1 FROM problem_sighting s WHERE s.problem_id = p.id)"))
                .isZero();
        assertThat(new AuditChain(jdbi).verify().intact()).isTrue();
    }

    private static long maxEvaluationId() {
        return count("SELECT coalesce(max(id), 0) FROM evaluation");
    }

    private static long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
