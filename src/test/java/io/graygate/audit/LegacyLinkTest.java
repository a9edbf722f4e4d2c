package io.graygate.audit;

import org.junit.jupiter.api.Tag;
import io.graygate.rules.RuleLoader;
import io.graygate.platform.Database;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows with no chain link: a rule set and an evaluation written straight into their tables (as before V2,
 * or by someone going around graygate). verify reports them as UNLINKED and fails; {@code audit link-legacy}
 * adopts them, audibly; after that verify is clean and tampering with an adopted row is still caught.
 * The steps build on each other, in order.
 */
@ExtendWith(TestDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("db")
class LegacyLinkTest {
    private static final String LEGACY_SHA = AuditChain.sha256("a rule set from before the chain");
    private static Jdbi jdbi;
    private static String url;
    private static long bypassed;
    /** Links the two stored evaluations made (the rule set, and per evaluation its gate streak and itself). */
    private static int base;

    @BeforeAll
    static void setUp(Database db, @TempDir Path dir) throws IOException {
        jdbi = db.jdbi();
        url = ((PGSimpleDataSource) db.dataSource()).getURL();
        History.ingest(jdbi, dir);
        History.evaluate(jdbi, RuleLoader.load(Path.of("rules")), LocalDate.parse("2026-01-10"), LocalDate.parse("2026-01-11"));
        base = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_chain").mapTo(Integer.class).one());
        bypassed = jdbi.inTransaction(h -> {
            h.execute("INSERT INTO ruleset (sha256, loaded_by) VALUES (?, 'legacy')", LEGACY_SHA);
            h.execute("INSERT INTO ruleset_file (ruleset_sha256, path, sha256, content) VALUES (?, 'old.drl', ?, 'package old;')",
                    LEGACY_SHA, AuditChain.sha256("package old;"));
            return h.createQuery("""
                            INSERT INTO evaluation (release, stage, stage_number, as_of, window_start, window_end,
                                observation_days, days_observed, ruleset_sha256, engine_version, decision, stage_config)
                            SELECT release, stage, stage_number, as_of + 5, window_start + 5, window_end + 5, observation_days,
                                days_observed, :sha, 'written around graygate', 'ADVANCE', stage_config
                            FROM evaluation ORDER BY id LIMIT 1
                            RETURNING id""")
                    .bind("sha", LEGACY_SHA).mapTo(Long.class).one();
        });
    }

    @Test
    @Order(1)
    void verifyReportsEveryRowWithoutALinkAndFails() {
        History.Cli verify = History.run("audit", "verify", "--db-url", url);

        assertThat(verify.status()).as(verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("chain length " + base + ",")
                .contains("BROKEN: UNLINKED ruleset " + LEGACY_SHA + ": stored without a chain link")
                .contains("BROKEN: UNLINKED evaluation " + bypassed + ": stored without a chain link")
                .contains("2 unlinked row(s)")
                .doesNotContain("BROKEN: EDITED", "BROKEN: REMOVED", "BROKEN: INSERTED");
        ChainVerification result = new AuditChain(jdbi).verify();
        assertThat(result.firstBreak()).as("the links themselves hold").isNull();
        assertThat(result.unlinked()).extracting(UnlinkedRow::table).containsExactly("ruleset", "evaluation");
        assertThat(result.intact()).isFalse();
    }

    @Test
    @Order(2)
    void linkLegacyNeedsAName() {
        History.Cli noName = History.run("audit", "link-legacy", "--db-url", url);

        assertThat(noName.status()).isEqualTo(2);
        assertThat(noName.err()).contains("--by");
        assertThat(History.count(jdbi, "audit_adoption")).isZero();
    }

    @Test
    @Order(3)
    void linkLegacyAdoptsTheRowsInOrderAndRecordsWhoDidIt() {
        History.Cli adopt = History.run("audit", "link-legacy", "--by", "ops on-call", "--db-url", url);

        assertThat(adopt.status()).as(adopt.err()).isZero();
        assertThat(adopt.out()).containsSubsequence("linked ruleset " + LEGACY_SHA, "linked evaluation " + bypassed,
                "adoption #1 by ops on-call: 2 row(s) linked; recorded at seq " + (base + 3));
        List<String> newLinks = jdbi.withHandle(h -> h.createQuery(
                "SELECT entity || ' ' || entity_id FROM audit_chain WHERE seq > :base ORDER BY seq").bind("base", base)
                .mapTo(String.class).list());
        assertThat(newLinks).containsExactly("ruleset " + LEGACY_SHA, "evaluation " + bypassed, "adoption 1");
        String adoption = jdbi.withHandle(h -> h.createQuery("SELECT adopted_by || ' ' || adopted::text FROM audit_adoption")
                .mapTo(String.class).one());
        assertThat(adoption).startsWith("ops on-call ").contains(LEGACY_SHA, "\"" + bypassed + "\"");

        History.Cli verify = History.run("audit", "verify", "--db-url", url);
        assertThat(verify.status()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("chain length " + (base + 3) + ",", "intact");

        History.Cli again = History.run("audit", "link-legacy", "--by", "ops on-call", "--db-url", url);
        assertThat(again.out()).contains("no unlinked rows; nothing adopted");
        assertThat(History.count(jdbi, "audit_adoption")).isOne();
    }

    @Test
    @Order(4)
    void tamperingWithTheAdoptionRecordIsCaught() {
        ChainVerification result = jdbi.withHandle(h -> {
            h.begin();
            try {
                h.execute("SET LOCAL session_replication_role = replica");
                h.execute("UPDATE audit_adoption SET adopted_by = 'someone else'");
                return new AuditChain(jdbi).verify(h);
            } finally {
                h.rollback();
            }
        });

        assertThat(result.firstBreak()).isNotNull();
        assertThat(result.firstBreak().kind()).isEqualTo(BreakKind.EDITED);
        assertThat(result.firstBreak().seq()).isEqualTo(base + 3);
    }

    @Test
    @Order(5)
    void tamperingWithAnAdoptedRowAfterwardsIsCaught() {
        jdbi.useHandle(h -> {
            h.execute("ALTER TABLE evaluation DISABLE TRIGGER USER");
            h.execute("UPDATE evaluation SET decision = 'ROLLBACK' WHERE id = ?", bypassed);
            h.execute("ALTER TABLE evaluation ENABLE TRIGGER USER");
        });

        History.Cli verify = History.run("audit", "verify", "--db-url", url);

        assertThat(verify.status()).isEqualTo(1);
        assertThat(verify.out()).contains("BROKEN: EDITED at seq " + (base + 2)).contains("evaluation " + bypassed);
    }

    @Test
    @Order(6)
    void aRowWrittenAroundGraygateAfterAdoptionIsUnlinkedAgain() {
        jdbi.useHandle(h -> h.execute("INSERT INTO audit_adoption (adopted_by, adopted) VALUES ('forger', '[]')"));

        ChainVerification result = new AuditChain(jdbi).verify();

        assertThat(result.unlinked()).extracting(UnlinkedRow::toString).singleElement().asString()
                .startsWith("UNLINKED audit_adoption 2:");
    }
}
