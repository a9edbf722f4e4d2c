package io.graygate.audit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds the first break in a chain read in seq order. Each link is checked for its position (seq and
 * prev_hash continue from the previous link), its own hash (keyed links under the configured audit key),
 * whether the next link continues from it or skips it, and whether the entity it covers still has the
 * content it had when the link was written. Links made with another key cannot have their own hash checked:
 * they are counted per key id instead of being reported as tampered.
 */
final class ChainWalk {
    private final Optional<ChainKey> key;
    private final Map<String, Long> unchecked = new TreeMap<>();
    private long unkeyed;

    ChainWalk(Optional<ChainKey> key) {
        this.key = key;
    }

    Map<String, Long> unchecked() {
        return unchecked;
    }

    long unkeyed() {
        return unkeyed;
    }

    /** The first break, or null; also counts unkeyed and unchecked links along the way. */
    ChainBreak firstBreak(List<ChainLink> links, Map<Long, Optional<String>> contentHashes) {
        String prev = AuditChain.GENESIS;
        long expected = 1;
        boolean keyedSeen = false;
        ChainBreak first = null;
        for (int i = 0; i < links.size(); i++) {
            ChainLink link = links.get(i);
            ChainLink next = i + 1 < links.size() ? links.get(i + 1) : null;
            if (!link.keyed()) {
                unkeyed++;
            } else if (key.isEmpty() || !key.get().id().equals(link.keyId())) {
                unchecked.merge(link.keyId(), 1L, Long::sum);
            }
            if (first == null) {
                first = position(link, expected, prev);
                if (first == null && keyedSeen && !link.keyed()) {
                    first = new ChainBreak(link.seq(), BreakKind.DOWNGRADED, "an unkeyed link after keyed links: written "
                            + "by someone without the audit key (" + describe(link) + ")");
                }
                if (first == null) {
                    first = ownHash(link, next);
                }
                if (first == null) {
                    first = content(link, contentHashes.get(link.seq()));
                }
            }
            keyedSeen |= link.keyed();
            prev = link.hash();
            expected = link.seq() + 1;
        }
        return first;
    }

    private static ChainBreak position(ChainLink link, long expected, String prev) {
        if (link.seq() > expected) {
            return new ChainBreak(expected, BreakKind.REMOVED, (link.seq() - expected == 1 ? "link " + expected
                    : "links " + expected + ".." + (link.seq() - 1)) + " missing: seq jumps to " + link.seq());
        }
        if (link.seq() < expected) {
            return new ChainBreak(link.seq(), BreakKind.INSERTED, "a second link at seq " + link.seq()
                    + " (" + describe(link) + ")");
        }
        if (!link.prevHash().equals(prev)) {
            return new ChainBreak(link.seq(), BreakKind.REMOVED, "prev_hash " + abbrev(link.prevHash())
                    + " is not the previous link's hash " + abbrev(prev) + ": the link(s) it followed were removed "
                    + "or reordered (" + describe(link) + ")");
        }
        return null;
    }

    /** Whether the link's own hash computes; null when it was made with a key this walk does not hold. */
    private Boolean hashHolds(ChainLink link) {
        if (!link.keyed()) {
            return link.hash().equals(AuditChain.linkHash(link, Optional.empty()));
        }
        if (key.isEmpty() || !key.get().id().equals(link.keyId())) {
            return null;
        }
        return link.hash().equals(AuditChain.linkHash(link, key));
    }

    private ChainBreak ownHash(ChainLink link, ChainLink next) {
        boolean nextFollowsIt = next != null && next.prevHash().equals(link.hash());
        Boolean holds = hashHolds(link);
        if (Boolean.FALSE.equals(holds)) {
            return nextFollowsIt
                    ? new ChainBreak(link.seq(), BreakKind.EDITED, "the link row was changed: its hash no longer "
                    + "computes from its fields (" + describe(link) + ")")
                    : new ChainBreak(link.seq(), BreakKind.INSERTED, "its prev_hash continues the chain but its own "
                    + "hash does not compute: a forged link (" + describe(link) + ")");
        }
        if (next != null && !nextFollowsIt && next.prevHash().equals(link.prevHash())) {
            return new ChainBreak(link.seq(), BreakKind.INSERTED, "the next link continues from the link before it: "
                    + "this link was put in between (" + describe(link) + ")");
        }
        return null;
    }

    private static ChainBreak content(ChainLink link, Optional<String> actual) {
        if (actual == null) {
            return null;
        }
        if (actual.isEmpty()) {
            return new ChainBreak(link.seq(), BreakKind.EDITED, "the " + describe(link) + " it covers no longer exists");
        }
        if (!actual.get().equals(link.contentSha256())) {
            return new ChainBreak(link.seq(), BreakKind.EDITED, "the stored " + describe(link)
                    + " no longer matches its content hash " + abbrev(link.contentSha256()) + " (now " + abbrev(actual.get()) + ")");
        }
        return null;
    }

    /** The table and row a link covers, as verify names them. */
    static String describe(ChainLink link) {
        String table = ChainedTables.byEntity(link.entity()).map(ChainedTable::table).orElse(link.entity());
        return table + " " + link.entityId();
    }

    static String abbrev(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
