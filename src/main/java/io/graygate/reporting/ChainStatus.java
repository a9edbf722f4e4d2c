package io.graygate.reporting;

import io.graygate.audit.AuditChain;
import io.graygate.audit.ChainVerification;
import io.graygate.audit.Checkpoint;
import org.jdbi.v3.core.Handle;

/**
 * The audit chain as {@code graygate audit verify} finds it when the report is built, and the link that
 * covers what the report is about. Checked at export time, so it is not part of the report's source SHA-256
 * (the same stored evaluation keeps the same source hash while the chain grows).
 *
 * @param firstBreak  the first break in words, or "" when intact
 * @param coveringSeq the seq of the link covering the reported entity, or null when none does (stored before
 *                    the chain existed, or the chain is silent about it)
 */
public record ChainStatus(boolean intact, long length, String headHash, String firstBreak, Long coveringSeq,
                          Checkpoint checkpoint, boolean unkeyed) {

    public ChainStatus(boolean intact, long length, String headHash, String firstBreak, Long coveringSeq) {
        this(intact, length, headHash, firstBreak, coveringSeq, null, false);
    }

    /** Walks the whole chain inside the caller's transaction; {@code entity}/{@code entityId} may be null. */
    static ChainStatus verify(Handle h, String entity, String entityId) {
        ChainVerification result = new AuditChain(h.getJdbi()).verify(h);
        Long seq = entity == null ? null : h.createQuery(
                        "SELECT seq FROM audit_chain WHERE entity = :entity AND entity_id = :id ORDER BY seq LIMIT 1")
                .bind("entity", entity).bind("id", entityId).mapTo(Long.class).findOne().orElse(null);
        return new ChainStatus(result.intact(), result.length(), result.headHash(), firstProblem(result), seq,
                AuditChain.checkpoint(h), result.recomputable());
    }

    /** A broken link first; otherwise the rows nothing covers (the chain itself is whole, but they are unproven). */
    private static String firstProblem(ChainVerification result) {
        if (result.firstBreak() != null) {
            return result.firstBreak().toString();
        }
        if (!result.unchecked().isEmpty()) {
            return "links authenticated with audit key(s) " + result.unchecked().keySet() + " could not be checked";
        }
        if (result.unlinked().isEmpty()) {
            return "";
        }
        return result.unlinked().size() + " row(s) without a chain link, first " + result.unlinked().get(0);
    }

    public String describe() {
        String state = intact ? "intact: " + length + " links, head " + headHash
                : "BROKEN: " + firstBreak + " (" + length + " links; run graygate audit verify)";
        return "audit chain " + state + (coveringSeq == null ? "" : "; this evaluation is link " + coveringSeq)
                + (checkpoint == null ? "" : "; built on checkpoint " + checkpoint.shortForm()
                + (checkpoint.keyId() == null ? "" : " (key " + checkpoint.keyId() + ", MAC " + checkpoint.mac() + ")"))
                + (unkeyed ? "; " + ChainVerification.UNKEYED_WARNING : "");
    }
}
