package io.graygate.audit;

import org.junit.jupiter.api.Tag;
import io.graygate.decision.Evaluation;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit chain: every stored rule set and evaluation appends a link in its own transaction, and verify
 * finds tampering done the way a superuser could (triggers off): an edited vote, a removed link, a forged
 * link. Each tampering happens in a transaction that verify reads and that is then rolled back, so the
 * cases do not disturb each other. Chain: seq 1 the rule set, seq 2..6 the evaluations of 01-10..01-14.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class AuditChainTest {
    private static Jdbi jdbi;
    private static RuleSet rules;
    private static List<Evaluation> stored;

    @BeforeAll
    static void setUp(Database db, @TempDir Path dir) throws IOException {
        jdbi = db.jdbi();
        History.ingest(jdbi, dir);
        rules = RuleLoader.load(Path.of("rules"));
        stored = History.evaluate(jdbi, rules, LocalDate.parse("2026-01-10"), LocalDate.parse("2026-01-14"));
    }

    private static List<ChainLink> links(Handle h) {
        return h.createQuery("SELECT * FROM audit_chain ORDER BY seq").map((rs, ctx) -> AuditChain.link(rs)).list();
    }

    private static long seqOf(Evaluation e) {
        return jdbi.withHandle(h -> h.createQuery("SELECT seq FROM audit_chain WHERE entity = 'evaluation' AND entity_id = :id")
                .bind("id", Long.toString(e.id())).mapTo(Long.class).one());
    }

    /** Tampers with triggers off, verifies inside the same transaction, and rolls it all back. */
    private static ChainVerification tampered(Consumer<Handle> tampering) {
        return jdbi.withHandle(h -> {
            h.begin();
            try {
                h.execute("SET LOCAL session_replication_role = replica");
                tampering.accept(h);
                return new AuditChain(jdbi).verify(h);
            } finally {
                h.rollback();
            }
        });
    }

    @Test
    void theRuleSetAndEachEvaluationAreLinkedInOrder() {
        List<ChainLink> all = jdbi.withHandle(AuditChainTest::links);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).seq()).isEqualTo(all.get(i - 1).seq() + 1);
            assertThat(all.get(i).prevHash()).isEqualTo(all.get(i - 1).hash());
        }
        assertThat(all.get(0).prevHash()).isEqualTo(AuditChain.GENESIS);
        List<ChainLink> links = all.stream()
                .filter(l -> l.entity().equals("ruleset") || l.entity().equals("evaluation")).toList();
        int at = links.size() - 6;
        assertThat(links.subList(at, links.size())).extracting(ChainLink::entity)
                .containsExactly("ruleset", "evaluation", "evaluation", "evaluation", "evaluation", "evaluation");
        assertThat(links.get(at).entityId()).isEqualTo(rules.sha256());
        assertThat(links.subList(at + 1, links.size())).extracting(ChainLink::entityId)
                .containsExactlyElementsOf(stored.stream().map(e -> Long.toString(e.id())).toList());
    }

    @Test
    void anUntouchedChainIsIntact() {
        ChainVerification result = new AuditChain(jdbi).verify();

        assertThat(result.intact()).as("%s", result.firstBreak()).isTrue();
        List<ChainLink> links = jdbi.withHandle(AuditChainTest::links);
        assertThat(result.length()).isEqualTo(links.size()).isGreaterThanOrEqualTo(6);
        assertThat(result.headHash()).isEqualTo(links.get(links.size() - 1).hash());
    }

    @Test
    void anEditedVoteIsFoundAtItsEvaluationsLink() {
        Evaluation victim = stored.get(2);

        ChainVerification result = tampered(h -> h.execute(
                "UPDATE evaluation_vote SET met = NOT met WHERE evaluation_id = ? AND seq = 1", victim.id()));

        assertThat(result.firstBreak()).isNotNull();
        assertThat(result.firstBreak().kind()).isEqualTo(BreakKind.EDITED);
        assertThat(result.firstBreak().seq()).isEqualTo(seqOf(victim));
        assertThat(result.firstBreak().detail()).contains("evaluation " + victim.id());
    }

    @Test
    void anEditedRuleFileIsFoundAtTheRuleSetsLink() {
        ChainVerification result = tampered(h -> h.execute(
                "UPDATE ruleset_file SET content = content || ' ' WHERE ruleset_sha256 = ? AND path = 'gates.drl'",
                rules.sha256()));

        assertThat(result.firstBreak().kind()).isEqualTo(BreakKind.EDITED);
        assertThat(result.firstBreak().seq()).isEqualTo(jdbi.withHandle(h -> h.createQuery(
                "SELECT seq FROM audit_chain WHERE entity = 'ruleset' AND entity_id = :sha").bind("sha", rules.sha256())
                .mapTo(Long.class).one()));
    }

    @Test
    void aRemovedLinkIsFoundAtTheGap() {
        long seq = seqOf(stored.get(1));

        ChainVerification result = tampered(h -> h.execute("DELETE FROM audit_chain WHERE seq = ?", seq));

        assertThat(result.firstBreak().kind()).isEqualTo(BreakKind.REMOVED);
        assertThat(result.firstBreak().seq()).isEqualTo(seq);
    }

    @Test
    void aRemovedLinkWithTheRestRenumberedIsStillRemoved() {
        long seq = seqOf(stored.get(1));

        ChainVerification result = tampered(h -> {
            h.execute("DELETE FROM audit_chain WHERE seq = ?", seq);
            h.execute("UPDATE audit_chain SET seq = seq - 1 WHERE seq > ?", seq);
        });

        assertThat(result.firstBreak().kind()).isEqualTo(BreakKind.REMOVED);
        assertThat(result.firstBreak().seq()).isEqualTo(seq);
    }

    @Test
    void aForgedLinkAtTheEndIsInserted() {
        ChainVerification result = tampered(h -> {
            ChainLink head = AuditChain.head(h).orElseThrow();
            h.execute("INSERT INTO audit_chain (seq, entity, entity_id, content_sha256, prev_hash, hash, created_at) "
                            + "VALUES (?, 'evaluation', ?, ?, ?, ?, now())", head.seq() + 1, Long.toString(stored.get(0).id()),
                    head.contentSha256(), head.hash(), AuditChain.sha256("forged"));
        });

        long head = jdbi.withHandle(h -> AuditChain.head(h).orElseThrow().seq());
        assertThat(result.firstBreak().kind()).isEqualTo(BreakKind.INSERTED);
        assertThat(result.firstBreak().seq()).isEqualTo(head + 1);
    }

    @Test
    void aWellFormedLinkSlippedInBetweenIsInserted() {
        long seq = seqOf(stored.get(3));

        ChainVerification result = tampered(h -> {
            ChainLink before = links(h).stream().filter(l -> l.seq() == seq - 1).findFirst().orElseThrow();
            h.execute("UPDATE audit_chain SET seq = seq + 1000 WHERE seq >= ?", seq);
            h.execute("UPDATE audit_chain SET seq = seq - 999 WHERE seq >= ?", seq + 1000);
            String content = AuditChain.sha256("{}");
            java.time.Instant at = java.time.Instant.parse("2026-01-01T00:00:00Z");
            h.execute("INSERT INTO audit_chain (seq, entity, entity_id, content_sha256, prev_hash, hash, created_at) "
                            + "VALUES (?, 'approval', 'x', ?, ?, ?, ?)", seq, content, before.hash(),
                    AuditChain.linkHash(seq, "approval", "x", content, before.hash(), at), at.atOffset(java.time.ZoneOffset.UTC));
        });

        assertThat(result.firstBreak().kind()).isEqualTo(BreakKind.INSERTED);
        assertThat(result.firstBreak().seq()).isEqualTo(seq);
    }

    @Test
    void anEditedLinkRowIsEdited() {
        long seq = seqOf(stored.get(2));

        ChainVerification result = tampered(h -> h.execute(
                "UPDATE audit_chain SET entity_id = '999999' WHERE seq = ?", seq));

        assertThat(result.firstBreak().kind()).isEqualTo(BreakKind.EDITED);
        assertThat(result.firstBreak().seq()).isEqualTo(seq);
    }

    @Test
    void concurrentAppendsSerialize() throws Exception {
        Evaluation template = stored.get(0);
        long before = jdbi.withHandle(h -> AuditChain.head(h).orElseThrow().seq());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> {
                    for (int j = 0; j < 3; j++) {
                        new AuditStore(jdbi).save(template, rules, "concurrency-test");
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        ChainVerification result = new AuditChain(jdbi).verify();
        assertThat(result.intact()).as("%s", result.firstBreak()).isTrue();
        assertThat(result.length()).isEqualTo(before + 12);
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> jdbi.useHandle(h -> AuditChain.append(h, "test", "1", "{}")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
    }

    @Test
    void theChainTableIsAppendOnly() {
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("UPDATE audit_chain SET entity = entity")))
                .hasMessageContaining("UPDATE on audit_chain is not allowed");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM audit_chain")))
                .hasMessageContaining("DELETE on audit_chain is not allowed");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("TRUNCATE audit_chain")))
                .hasMessageContaining("TRUNCATE on audit_chain is not allowed");
    }
}
