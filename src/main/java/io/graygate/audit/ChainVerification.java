package io.graygate.audit;

/**
 * The result of walking the chain.
 *
 * @param length     links in the chain
 * @param headHash   the last link's hash ({@link AuditChain#GENESIS} for an empty chain)
 * @param firstBreak the first break found, or null when the chain is intact
 */
public record ChainVerification(long length, String headHash, ChainBreak firstBreak) {

    public boolean intact() {
        return firstBreak == null;
    }
}
