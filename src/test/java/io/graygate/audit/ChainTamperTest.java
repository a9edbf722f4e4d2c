package io.graygate.audit;

import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every tamper kind on every chained table (parameterized over {@link ChainedTables#ALL}), done the way a
 * database administrator could (triggers and foreign keys off with session_replication_role = replica):
 * edit, delete, insert, reorder, truncate the tail, and rewrite-and-rechain without the key. The fixture is
 * one keyed record per table ({@link ChainedRows}); each case tampers in a transaction that verify reads
 * and that is then rolled back.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainTamperTest {
    private static final ChainKey KEY = new ChainKey("the audit key of the tamper test, 32+ bytes".getBytes());
    private Database db;
    private Jdbi jdbi;
    private Checkpoint head;

    @BeforeAll
    void setUp(Database db, @TempDir Path dir) {
        this.db = db;
        jdbi = db.jdbi();
        AuditSettings.install(jdbi, Optional.of(KEY), Optional.of(new CheckpointLog(dir.resolve("checkpoints.jsonl"))));
        jdbi.useTransaction(ChainedRows::write);
        head = jdbi.inTransaction(AuditChain::checkpoint);
    }

    static Stream<String> tables() {
        return ChainedTables.ALL.stream().map(ChainedTable::table);
    }

    private static ChainedTable table(String name) {
        return ChainedTables.ALL.stream().filter(t -> t.table().equals(name)).findFirst().orElseThrow();
    }

    /** Tampers with triggers off, verifies inside the same transaction (against the checkpoints), rolls back. */
    private ChainVerification tampered(Function<Handle, Void> tampering, List<Checkpoint> checkpoints) {
        return jdbi.withHandle(h -> {
            h.begin();
            try {
                h.execute("SET LOCAL session_replication_role = replica");
                tampering.apply(h);
                return new AuditChain(jdbi).verify(h, checkpoints);
            } finally {
                h.rollback();
            }
        });
    }

    private static ChainLink firstLinkOf(Handle h, ChainedTable table) {
        return h.createQuery("SELECT * FROM audit_chain WHERE entity = :e ORDER BY seq LIMIT 1").bind("e", table.entity())
                .map((rs, ctx) -> AuditChain.link(rs)).one();
    }

    private static List<ChainLink> links(Handle h) {
        return h.createQuery("SELECT * FROM audit_chain ORDER BY seq").map((rs, ctx) -> AuditChain.link(rs)).list();
    }

    private static String where(ChainedTable table) {
        return " WHERE " + table.idExpression() + " = :id";
    }

    /** A column of the table an edit can change without breaking a CHECK: not a key, not null in the row. */
    private static String editableColumn(Handle h, ChainedTable table, String id) {
        List<String[]> columns = h.createQuery("""
                        SELECT a.attname, format_type(a.atttypid, NULL) FROM pg_attribute a
                        WHERE a.attrelid = CAST(:t AS regclass) AND a.attnum > 0 AND NOT a.attisdropped
                          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = a.attrelid AND c.contype = 'c'
                                          AND a.attnum = ANY(c.conkey))
                        ORDER BY a.attnum""").bind("t", table.table())
                .map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2)}).list();
        for (String[] c : columns) {
            if (table.key().contains(c[0]) || changed(c[1], c[0]) == null) {
                continue;
            }
            boolean present = h.createQuery("SELECT " + c[0] + " IS NOT NULL FROM " + table.table() + " t" + where(table)
                    + " LIMIT 1").bind("id", id).mapTo(Boolean.class).one();
            if (present) {
                return c[0] + " = " + changed(c[1], c[0]);
            }
        }
        throw new IllegalStateException("no editable column in " + table.table());
    }

    private static String changed(String type, String column) {
        return switch (type) {
            case "text" -> "CASE WHEN " + column + " ~ '^[0-9a-f]{64}$' THEN translate(" + column
                    + ", '0123456789abcdef', '123456789abcdef0') ELSE " + column + " || '-forged' END";
            case "integer", "bigint", "smallint" -> column + " + 1000000";
            case "double precision" -> column + " * 2 + 1";
            case "boolean" -> "NOT " + column;
            case "date" -> column + " + 1000";
            case "timestamp with time zone" -> column + " + interval '1000 days'";
            case "jsonb" -> "jsonb_build_array(" + column + ")";
            default -> null;
        };
    }

    private static Void edit(Handle h, ChainedTable table, String id) {
        h.createUpdate("UPDATE " + table.table() + " t SET " + editableColumn(h, table, id) + where(table)
                + " AND t.ctid = (SELECT ctid FROM " + table.table() + " t" + where(table) + " LIMIT 1)").bind("id", id).execute();
        return null;
    }

    @ParameterizedTest
    @MethodSource("tables")
    void anEditedRowBreaksAtItsLink(String name) {
        ChainedTable table = table(name);
        ChainLink link = jdbi.withHandle(h -> firstLinkOf(h, table));

        ChainVerification result = tampered(h -> edit(h, table, link.entityId()), List.of());

        assertThat(result.firstBreak()).as(name).isNotNull();
        assertThat(result.firstBreak().kind()).isEqualTo(BreakKind.EDITED);
        assertThat(result.firstBreak().seq()).isEqualTo(link.seq());
        assertThat(result.firstBreak().toString()).contains(table.table() + " " + link.entityId());
    }

    @ParameterizedTest
    @MethodSource("tables")
    void aDeletedRowBreaksAtItsLink(String name) {
        ChainedTable table = table(name);
        ChainLink link = jdbi.withHandle(h -> firstLinkOf(h, table));

        ChainVerification result = tampered(h -> {
            h.createUpdate("DELETE FROM " + table.table() + " t WHERE t.ctid = (SELECT ctid FROM " + table.table() + " t"
                    + where(table) + " LIMIT 1)").bind("id", link.entityId()).execute();
            return null;
        }, List.of());

        assertThat(result.firstBreak()).as(name).isNotNull();
        assertThat(result.firstBreak().kind()).isEqualTo(BreakKind.EDITED);
        assertThat(result.firstBreak().seq()).isEqualTo(link.seq());
        assertThat(result.firstBreak().toString()).contains(table.table() + " " + link.entityId());
    }

    /**
     * A row inserted beside the chained ones: a new row of a row-linked table has no link (UNLINKED, named by
     * table and id); a row slipped into a group changes the group's content (EDITED at the group's link).
     */
    @ParameterizedTest
    @MethodSource("tables")
    void anInsertedRowIsUnlinkedOrBreaksItsGroup(String name) {
        ChainedTable table = table(name);
        ChainLink link = jdbi.withHandle(h -> firstLinkOf(h, table));
        boolean group = !table.rowOrder().equals(String.join(", ", table.key()));

        ChainVerification result = tampered(h -> {
            List<String> unique = h.createQuery("""
                            SELECT DISTINCT a.attname FROM pg_index i
                            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                            WHERE i.indrelid = CAST(:t AS regclass) AND i.indisunique""")
                    .bind("t", table.table()).mapTo(String.class).list().stream()
                    .filter(c -> !(group && table.key().contains(c))).toList();
            List<String[]> columns = h.createQuery("SELECT attname, format_type(atttypid, NULL) FROM pg_attribute "
                            + "WHERE attrelid = CAST(:t AS regclass) AND attnum > 0 AND NOT attisdropped ORDER BY attnum")
                    .bind("t", table.table()).map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2)}).list();
            String select = columns.stream().map(c -> unique.contains(c[0]) ? changed(c[1], c[0]) : c[0])
                    .collect(Collectors.joining(", "));
            h.createUpdate("INSERT INTO " + table.table() + " OVERRIDING SYSTEM VALUE SELECT " + select + " FROM "
                    + table.table() + " t" + where(table) + " LIMIT 1").bind("id", link.entityId()).execute();
            return null;
        }, List.of());

        if (group) {
            assertThat(result.firstBreak()).as(name).isNotNull();
            assertThat(result.firstBreak().kind()).isEqualTo(BreakKind.EDITED);
            assertThat(result.firstBreak().seq()).isEqualTo(link.seq());
        } else {
            assertThat(result.firstBreak()).as(name).isNull();
            assertThat(result.unlinked()).as(name).singleElement()
                    .satisfies(row -> assertThat(row.table()).isEqualTo(table.table()))
                    .satisfies(row -> assertThat(row.toString()).startsWith("UNLINKED " + table.table() + " "));
        }
        assertThat(result.intact()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("tables")
    void swappingALinkWithItsPredecessorIsFound(String name) {
        ChainedTable table = table(name);
        ChainLink link = jdbi.withHandle(h -> firstLinkOf(h, table));
        long other = link.seq() == 1 ? 2 : link.seq() - 1;

        ChainVerification result = tampered(h -> {
            h.execute("UPDATE audit_chain SET seq = 1000000000 WHERE seq = ?", link.seq());
            h.execute("UPDATE audit_chain SET seq = ? WHERE seq = ?", link.seq(), other);
            h.execute("UPDATE audit_chain SET seq = ? WHERE seq = 1000000000", other);
            return null;
        }, List.of());

        assertThat(result.firstBreak()).as(name).isNotNull();
        assertThat(result.firstBreak().seq()).isBetween(Math.min(link.seq(), other), Math.max(link.seq(), other));
        assertThat(result.intact()).isFalse();
    }

    /**
     * Removing the table's link and everything after it, with the rows they cover, leaves a chain that holds
     * by itself; the checkpoint taken before shows the truncation.
     */
    @ParameterizedTest
    @MethodSource("tables")
    void aTruncatedTailIsFoundAgainstTheCheckpoint(String name) {
        ChainedTable table = table(name);
        ChainLink link = jdbi.withHandle(h -> firstLinkOf(h, table));

        Function<Handle, Void> truncate = h -> {
            for (ChainLink l : links(h)) {
                if (l.seq() >= link.seq()) {
                    ChainedTable covered = ChainedTables.byEntity(l.entity()).orElseThrow();
                    h.createUpdate("DELETE FROM " + covered.table() + " t" + where(covered)).bind("id", l.entityId()).execute();
                }
            }
            h.execute("DELETE FROM audit_chain WHERE seq >= ?", link.seq());
            return null;
        };

        ChainVerification alone = tampered(truncate, List.of());
        assertThat(alone.firstBreak()).as("from inside, a truncated chain holds: %s", name).isNull();
        ChainVerification checked = tampered(truncate, List.of(head));
        assertThat(checked.checkpoints()).as(name).singleElement().satisfies(found -> {
            assertThat(found.kind()).isEqualTo(BreakKind.TRUNCATED);
            assertThat(found.detail()).contains("the chain ends at seq " + (link.seq() - 1));
        });
        assertThat(checked.intact()).isFalse();
    }

    /** Edit a row, then recompute its link and every later one as someone without the key must: unkeyed. */
    private static Void rewriteAndRechain(Handle h, ChainedTable table, ChainLink link, boolean keepKeyId) {
        edit(h, table, link.entityId());
        AuditChain chain = new AuditChain(h.getJdbi());
        String prev = link.prevHash();
        for (ChainLink l : links(h)) {
            if (l.seq() < link.seq()) {
                continue;
            }
            String content = l.seq() == link.seq() ? AuditChain.sha256(chain.contentOf(h, l).orElseThrow()) : l.contentSha256();
            String hash = AuditChain.linkHash(l.seq(), l.entity(), l.entityId(), content, prev, l.createdAt());
            h.createUpdate("UPDATE audit_chain SET content_sha256 = :c, prev_hash = :p, hash = :h, key_id = :k WHERE seq = :s")
                    .bind("c", content).bind("p", prev).bind("h", hash).bind("k", keepKeyId ? l.keyId() : null)
                    .bind("s", l.seq()).execute();
            prev = hash;
        }
        return null;
    }

    @ParameterizedTest
    @MethodSource("tables")
    void rewritingAndRechainingWithoutTheKeyIsFound(String name) {
        ChainedTable table = table(name);
        ChainLink link = jdbi.withHandle(h -> firstLinkOf(h, table));

        ChainVerification keptKeyId = tampered(h -> rewriteAndRechain(h, table, link, true), List.of());
        assertThat(keptKeyId.firstBreak()).as(name).isNotNull();
        assertThat(keptKeyId.firstBreak().seq()).isEqualTo(link.seq());
        assertThat(keptKeyId.firstBreak().toString()).contains(table.table() + " " + link.entityId());

        ChainVerification unkeyed = tampered(h -> rewriteAndRechain(h, table, link, false), List.of(head));
        if (link.seq() > 1) {
            assertThat(unkeyed.firstBreak()).as(name).isNotNull();
            assertThat(unkeyed.firstBreak().kind()).isEqualTo(BreakKind.DOWNGRADED);
            assertThat(unkeyed.firstBreak().seq()).isEqualTo(link.seq());
        } else {
            // Rewritten from the first link on, the chain reads as one written without a key: only the warning
            // (every link unkeyed) and a checkpoint show it.
            assertThat(unkeyed.unkeyedLinks()).isEqualTo(unkeyed.length());
        }
        assertThat(unkeyed.checkpoints()).as("the checkpoint sees the rechained head").singleElement()
                .satisfies(found -> assertThat(found.kind()).isEqualTo(BreakKind.REWRITTEN));
    }

    @Test
    void everyChainedTableHasLinkedRowsInTheFixture() {
        Set<String> linked = jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT entity FROM audit_chain")
                .mapTo(String.class).set());
        assertThat(linked).containsExactlyInAnyOrderElementsOf(ChainedTables.ALL.stream().map(ChainedTable::entity).toList());
        ChainVerification result = new AuditChain(jdbi).verify(List.of(head));
        assertThat(result.intact()).as("%s %s", result.firstBreak(), result.unlinked()).isTrue();
        assertThat(result.keyId()).isEqualTo(KEY.id());
        assertThat(result.unkeyedLinks()).isZero();
    }

    @Test
    void aChainMadeWithAnotherKeyIsAKeyMismatchNotTampering() {
        Jdbi withOtherKey = Jdbi.create(db.dataSource());
        AuditSettings.install(withOtherKey, Optional.of(new ChainKey("another key entirely, also 32 bytes or more".getBytes())),
                Optional.empty());
        ChainVerification other = new AuditChain(withOtherKey).verify();
        assertThat(other.firstBreak()).as("no link is reported as tampered").isNull();
        assertThat(other.unchecked()).containsOnlyKeys(KEY.id());
        assertThat(other.intact()).isFalse();
    }

    @Test
    void aForgedCheckpointIsFound() {
        Checkpoint forged = new Checkpoint(head.seq(), head.hash(), Instant.parse("2026-01-01T00:00:00Z"), KEY.id(), "0".repeat(64));
        ChainVerification result = new AuditChain(jdbi).verify(List.of(forged));
        assertThat(result.checkpoints()).singleElement().satisfies(found ->
                assertThat(found.kind()).isEqualTo(BreakKind.FORGED_CHECKPOINT));
    }
}
