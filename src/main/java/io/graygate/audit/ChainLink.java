package io.graygate.audit;

import java.time.Instant;

/**
 * One link of the audit chain.
 *
 * @param contentSha256 SHA-256 of the covered entity's canonical content
 * @param prevHash      the previous link's hash ({@link AuditChain#GENESIS} for the first link)
 * @param hash          over this link's other fields: HMAC-SHA256 under the audit key {@code keyId}, or plain
 *                      SHA-256 when {@code keyId} is null (see {@link AuditChain#linkHash})
 * @param keyId         the fingerprint of the audit key that authenticated the link; null for an unkeyed link
 */
public record ChainLink(long seq, String entity, String entityId, String contentSha256, String prevHash, String hash,
                        Instant createdAt, String keyId) {

    public boolean keyed() {
        return keyId != null;
    }
}
