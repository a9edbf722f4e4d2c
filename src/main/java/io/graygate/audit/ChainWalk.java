package io.graygate.audit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the first break in a chain read in seq order. Each link is checked for its position (seq and
 * prev_hash continue from the previous link), its own hash, whether the next link continues from it or
 * skips it, and whether the entity it covers still has the content it had when the link was written.
 */
final class ChainWalk {
    private ChainWalk() {
    }

    static ChainBreak firstBreak(List<ChainLink> links, Map<Long, Optional<String>> contentHashes) {
        String prev = AuditChain.GENESIS;
        long expected = 1;
        for (int i = 0; i < links.size(); i++) {
            ChainLink link = links.get(i);
            ChainLink next = i + 1 < links.size() ? links.get(i + 1) : null;
            ChainBreak found = position(link, expected, prev);
            if (found == null) {
                found = ownHash(link, next);
            }
            if (found == null) {
                found = content(link, contentHashes.get(link.seq()));
            }
            if (found != null) {
                return found;
            }
            prev = link.hash();
            expected = link.seq() + 1;
        }
        return null;
    }

    private static ChainBreak position(ChainLink link, long expected, String prev) {
        if (link.seq() > expected) {
            return new ChainBreak(expected, BreakKind.REMOVED, (link.seq() - expected == 1 ? "link " + expected
                    : "links " + expected + ".." + (link.seq() - 1)) + " missing: seq jumps to " + link.seq());
        }
        if (link.seq() < expected) {
            return new ChainBreak(link.seq(), BreakKind.INSERTED, "a second link at seq " + link.seq());
        }
        if (!link.prevHash().equals(prev)) {
            return new ChainBreak(link.seq(), BreakKind.REMOVED, "prev_hash " + abbrev(link.prevHash())
                    + " is not the previous link's hash " + abbrev(prev) + ": the link(s) it followed were removed");
        }
        return null;
    }

    private static ChainBreak ownHash(ChainLink link, ChainLink next) {
        boolean nextFollowsIt = next != null && next.prevHash().equals(link.hash());
        if (!link.hash().equals(AuditChain.linkHash(link))) {
            return nextFollowsIt
                    ? new ChainBreak(link.seq(), BreakKind.EDITED, "the link row was changed: its hash no longer "
                    + "computes from its fields (" + link.entity() + " " + link.entityId() + ")")
                    : new ChainBreak(link.seq(), BreakKind.INSERTED, "its prev_hash continues the chain but its own "
                    + "hash does not compute: a forged link (" + link.entity() + " " + link.entityId() + ")");
        }
        if (next != null && !nextFollowsIt && next.prevHash().equals(link.prevHash())) {
            return new ChainBreak(link.seq(), BreakKind.INSERTED, "the next link continues from the link before it: "
                    + "this link was put in between (" + link.entity() + " " + link.entityId() + ")");
        }
        return null;
    }

    private static ChainBreak content(ChainLink link, Optional<String> actual) {
        if (actual == null) {
            return null;
        }
        if (actual.isEmpty()) {
            return new ChainBreak(link.seq(), BreakKind.EDITED, "the " + link.entity() + " " + link.entityId()
                    + " it covers no longer exists");
        }
        if (!actual.get().equals(link.contentSha256())) {
            return new ChainBreak(link.seq(), BreakKind.EDITED, "the stored " + link.entity() + " " + link.entityId()
                    + " no longer matches its content hash " + abbrev(link.contentSha256()) + " (now " + abbrev(actual.get()) + ")");
        }
        return null;
    }

    private static String abbrev(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
