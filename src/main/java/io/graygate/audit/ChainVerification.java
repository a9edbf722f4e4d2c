package io.graygate.audit;

import java.util.List;
import java.util.Map;

/**
 * The result of walking the chain.
 *
 * @param length       links in the chain
 * @param headHash     the last link's hash ({@link AuditChain#GENESIS} for an empty chain)
 * @param firstBreak   the first break found, or null when the links are intact
 * @param unlinked     rows that should be chained but have no link, in adoption order
 * @param keyId        the configured audit key's id, or null when none is configured
 * @param unkeyedLinks links without a key: whoever can write the database can recompute them
 * @param unchecked    per key id, links authenticated with a key other than the configured one: their own
 *                     hash cannot be checked here (their linkage and content still are)
 * @param checkpoints  checkpoints the chain disagrees with (TRUNCATED, REWRITTEN, FORGED_CHECKPOINT)
 */
public record ChainVerification(long length, String headHash, ChainBreak firstBreak, List<UnlinkedRow> unlinked,
                                String keyId, long unkeyedLinks, Map<String, Long> unchecked,
                                List<ChainBreak> checkpoints) {

    public ChainVerification {
        unlinked = List.copyOf(unlinked);
        unchecked = Map.copyOf(unchecked);
        checkpoints = List.copyOf(checkpoints);
    }

    public ChainVerification(long length, String headHash, ChainBreak firstBreak, List<UnlinkedRow> unlinked) {
        this(length, headHash, firstBreak, unlinked, null, length, Map.of(), List.of());
    }

    public ChainVerification(long length, String headHash, ChainBreak firstBreak) {
        this(length, headHash, firstBreak, List.of());
    }

    /** Every link holds, every row that should be chained is, every keyed link was checked, every checkpoint agrees. */
    public boolean intact() {
        return firstBreak == null && unlinked.isEmpty() && unchecked.isEmpty() && checkpoints.isEmpty();
    }

    /** Whether whoever can write the database could have recomputed some links (no key, or links from before it). */
    public boolean recomputable() {
        return unkeyedLinks > 0;
    }

    /** The warning printed with every unkeyed chain, in verify and in reports. */
    public static final String UNKEYED_WARNING = "unkeyed chain: a database administrator can recompute it";
}
