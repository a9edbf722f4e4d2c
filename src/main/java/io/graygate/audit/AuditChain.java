package io.graygate.audit;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tamper-evident hash chain over the audit trail ({@code audit_chain}). A link is appended in the same
 * transaction as the rows it covers; a transaction-scoped advisory lock serializes concurrent appends so
 * seq has no gaps and every link points at its true predecessor. {@link #verify} walks the chain and
 * recomputes every covered entity's content from the stored rows.
 */
public final class AuditChain {
    /** The prev_hash of the first link. */
    public static final String GENESIS = "0".repeat(64);
    /** pg_advisory_xact_lock key for appends: "graygate" in ASCII. */
    static final long LOCK_KEY = 0x6772617967617465L;
    /** Links whose content is recomputed with one query per entity kind. */
    static final int VERIFY_BATCH = 500;

    private final Jdbi jdbi;
    private final Map<String, ContentSource> sources = new HashMap<>();
    private final List<ChainedTable> chainedTables = new ArrayList<>();

    public AuditChain(Jdbi jdbi) {
        this.jdbi = jdbi;
        ChainedTables.ALL.forEach(this::withChainedTable);
    }

    /** Makes verify require a link for every row of another table and re-check its content. */
    public AuditChain withChainedTable(ChainedTable table) {
        chainedTables.add(table);
        sources.put(table.entity(), table::canonical);
        return this;
    }

    /** Lets verify re-check the content of another kind of entity (for example human approvals). */
    public AuditChain withSource(String entity, ContentSource source) {
        sources.put(entity, source);
        return this;
    }

    /**
     * Takes the append lock now (it is held until the transaction ends). A listener that needs its own lock
     * takes this one first, so that every evaluation's transaction locks in the same order.
     */
    public static void lockAppends(Handle handle) {
        handle.execute("SELECT pg_advisory_xact_lock(?)", LOCK_KEY);
    }

    /**
     * Links a row (or group) of a chained table, by its key values, in the transaction that stored it: its
     * content is read back from the stored rows.
     */
    public static ChainLink link(Handle handle, ChainedTable table, Object... key) {
        String id = table.entityId(key);
        String content = table.canonical(handle, List.of(id)).get(id);
        if (content == null) {
            throw new IllegalStateException("no " + table.table() + " " + id + " to chain");
        }
        return append(handle, table.entity(), id, content);
    }

    /** Links a group of rows written together (see {@link ChainedTable#groups}); nothing when the group has no row. */
    public static Optional<ChainLink> linkGroup(Handle handle, ChainedTable table, Object groupKey) {
        String id = table.entityId(groupKey);
        String content = table.canonical(handle, List.of(id)).get(id);
        return content == null ? Optional.empty() : Optional.of(append(handle, table.entity(), id, content));
    }

    /**
     * Appends a link covering {@code canonicalContent}; call inside the transaction that stores the entity,
     * with content built from the stored rows (see {@link CanonicalContent}). With an audit key configured on
     * the Jdbi ({@link AuditSettings}) the link is keyed; with a checkpoint file, the transaction's last link
     * is written there once the transaction commits.
     */
    public static ChainLink append(Handle handle, String entity, String entityId, String canonicalContent) {
        if (!handle.isInTransaction()) {
            throw new IllegalStateException("a chain link must be appended in the transaction that stores its entity");
        }
        AuditSettings settings = handle.getConfig(AuditSettings.class);
        Optional<ChainKey> key = settings.key();
        lockAppends(handle);
        Optional<ChainLink> head = head(handle);
        long seq = head.map(l -> l.seq() + 1).orElse(1L);
        String prev = head.map(ChainLink::hash).orElse(GENESIS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String content = sha256(canonicalContent);
        String keyId = key.map(ChainKey::id).orElse(null);
        ChainLink unsigned = new ChainLink(seq, entity, entityId, content, prev, "", now, keyId);
        ChainLink link = new ChainLink(seq, entity, entityId, content, prev, linkHash(unsigned, key), now, keyId);
        handle.createUpdate("""
                        INSERT INTO audit_chain (seq, entity, entity_id, content_sha256, prev_hash, hash, created_at, key_id)
                        VALUES (:seq, :entity, :entityId, :contentSha256, :prevHash, :hash, :createdAt, :keyId)""")
                .bind("seq", seq).bind("entity", entity).bind("entityId", entityId).bind("contentSha256", content)
                .bind("prevHash", prev).bind("hash", link.hash()).bind("createdAt", now.atOffset(ZoneOffset.UTC))
                .bind("keyId", keyId)
                .execute();
        settings.appended(link);
        settings.checkpoints().ifPresent(log -> handle.afterCommit(() -> {
            if (settings.isNewestAppended(link)) {
                log.append(Checkpoint.of(link, Instant.now(), key));
            }
        }));
        return link;
    }

    public static Optional<ChainLink> head(Handle handle) {
        return handle.createQuery("SELECT * FROM audit_chain ORDER BY seq DESC LIMIT 1").map((rs, ctx) -> link(rs)).findOne();
    }

    /** The checkpoint of the chain's current head (empty chain: seq 0, the genesis hash), keyed when a key is configured. */
    public static Checkpoint checkpoint(Handle handle) {
        Optional<ChainKey> key = handle.getConfig(AuditSettings.class).key();
        ChainLink head = head(handle).orElse(new ChainLink(0, "", "", GENESIS, GENESIS, GENESIS, Instant.EPOCH, null));
        return Checkpoint.of(head, Instant.now().truncatedTo(ChronoUnit.MICROS), key);
    }

    /**
     * The hash of a link over its position, what it covers, its predecessor and its time: plain SHA-256 for an
     * unkeyed link (the form every link had before keys), HMAC-SHA256 under the key for a keyed one (which
     * also covers the key id, so a link cannot be moved to another key).
     */
    public static String linkHash(long seq, String entity, String entityId, String contentSha256, String prevHash,
                                  Instant createdAt) {
        return sha256(fields(seq, entity, entityId, contentSha256, prevHash, createdAt));
    }

    static String linkHash(ChainLink l, Optional<ChainKey> key) {
        String fields = fields(l.seq(), l.entity(), l.entityId(), l.contentSha256(), l.prevHash(), l.createdAt());
        return key.isEmpty() ? sha256(fields) : key.get().mac("graygate-link-v2\n" + key.get().id() + "\n" + fields);
    }

    private static String fields(long seq, String entity, String entityId, String contentSha256, String prevHash,
                                 Instant createdAt) {
        return String.join("\n", Long.toString(seq), entity, entityId, contentSha256, prevHash, createdAt.toString());
    }

    public ChainVerification verify() {
        return verify(List.of());
    }

    /** Verifies the chain and checks it against checkpoints kept outside the database. */
    public ChainVerification verify(List<Checkpoint> checkpoints) {
        return jdbi.inTransaction(handle -> {
            handle.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            return verify(handle, checkpoints);
        });
    }

    /** Verifies within a caller's transaction (use REPEATABLE READ so the walk sees one state). */
    public ChainVerification verify(Handle handle) {
        return verify(handle, List.of());
    }

    public ChainVerification verify(Handle handle, List<Checkpoint> checkpoints) {
        return CanonicalContent.inCanonicalSettings(handle, () -> walk(handle, checkpoints));
    }

    private ChainVerification walk(Handle handle, List<Checkpoint> checkpoints) {
        Optional<ChainKey> key = handle.getConfig(AuditSettings.class).key();
        List<ChainLink> links = handle.createQuery("SELECT * FROM audit_chain ORDER BY seq").map((rs, ctx) -> link(rs)).list();
        Map<Long, Optional<String>> content = contentHashes(handle, links);
        ChainWalk walk = new ChainWalk(key);
        ChainBreak found = walk.firstBreak(links, content);
        String headHash = links.isEmpty() ? GENESIS : links.get(links.size() - 1).hash();
        return new ChainVerification(links.size(), headHash, found, unlinked(handle), key.map(ChainKey::id).orElse(null),
                walk.unkeyed(), walk.unchecked(), CheckpointCheck.against(links, checkpoints, key));
    }

    /** Rows of every chained table that have no link, table by table in adoption order. */
    public List<UnlinkedRow> unlinked(Handle handle) {
        List<UnlinkedRow> rows = new ArrayList<>();
        chainedTables.forEach(table -> rows.addAll(table.unlinked(handle)));
        return rows;
    }

    /**
     * Per link seq: the SHA-256 of its entity's current canonical content, empty when the entity is gone;
     * links of kinds without a {@link ContentSource} are left out (only their linkage is checked).
     */
    Map<Long, Optional<String>> contentHashes(Handle handle, List<ChainLink> links) {
        Map<Long, Optional<String>> hashes = new HashMap<>();
        for (int i = 0; i < links.size(); i += VERIFY_BATCH) {
            List<ChainLink> batch = links.subList(i, Math.min(links.size(), i + VERIFY_BATCH));
            for (Map.Entry<String, ContentSource> source : sources.entrySet()) {
                List<ChainLink> ofKind = batch.stream().filter(l -> l.entity().equals(source.getKey())).toList();
                if (ofKind.isEmpty()) {
                    continue;
                }
                Map<String, String> found = source.getValue().canonical(handle, ofKind.stream().map(ChainLink::entityId).toList());
                ofKind.forEach(l -> hashes.put(l.seq(), Optional.ofNullable(found.get(l.entityId())).map(AuditChain::sha256)));
            }
        }
        return hashes;
    }

    /** The canonical content of one chained entity, or empty when it is gone or of an unknown kind. */
    Optional<String> contentOf(Handle handle, ChainLink link) {
        return contentOf(handle, link.entity(), link.entityId());
    }

    Optional<String> contentOf(Handle handle, String entity, String entityId) {
        ContentSource source = sources.get(entity);
        return source == null ? Optional.empty()
                : Optional.ofNullable(source.canonical(handle, List.of(entityId)).get(entityId));
    }

    static ChainLink link(ResultSet rs) throws SQLException {
        return new ChainLink(rs.getLong("seq"), rs.getString("entity"), rs.getString("entity_id"),
                rs.getString("content_sha256"), rs.getString("prev_hash"), rs.getString("hash"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("key_id"));
    }

    public static String sha256(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
