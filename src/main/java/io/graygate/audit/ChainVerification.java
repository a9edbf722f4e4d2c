package io.graygate.audit;

import java.util.List;

/**
 * The result of walking the chain.
 *
 * @param length     links in the chain
 * @param headHash   the last link's hash ({@link AuditChain#GENESIS} for an empty chain)
 * @param firstBreak the first break found, or null when the links are intact
 * @param unlinked   rows that should be chained but have no link, in adoption order
 */
public record ChainVerification(long length, String headHash, ChainBreak firstBreak, List<UnlinkedRow> unlinked) {

    public ChainVerification {
        unlinked = List.copyOf(unlinked);
    }

    public ChainVerification(long length, String headHash, ChainBreak firstBreak) {
        this(length, headHash, firstBreak, List.of());
    }

    /** Every link holds and every row that should be chained is. */
    public boolean intact() {
        return firstBreak == null && unlinked.isEmpty();
    }
}
