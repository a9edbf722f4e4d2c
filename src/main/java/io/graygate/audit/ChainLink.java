package io.graygate.audit;

import java.time.Instant;

/**
 * One link of the audit chain.
 *
 * @param contentSha256 SHA-256 of the covered entity's canonical content
 * @param prevHash      the previous link's hash ({@link AuditChain#GENESIS} for the first link)
 * @param hash          SHA-256 over this link's other fields, see {@link AuditChain#linkHash}
 */
public record ChainLink(long seq, String entity, String entityId, String contentSha256, String prevHash, String hash,
                        Instant createdAt) {
}
