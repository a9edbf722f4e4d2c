package io.graygate.audit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The secret that authenticates chain links and checkpoints (HMAC-SHA256). It is read from a file outside
 * the database, so whoever can only write the database cannot recompute a keyed link. Its id is a
 * fingerprint (the first 16 hex digits of its SHA-256), stored with each link so verify can tell a link made
 * with another key from a tampered one; the secret itself is never stored or printed.
 */
public final class ChainKey {
    /** Shorter secrets are refused: an HMAC key should carry at least the hash's 256 bits. */
    public static final int MIN_BYTES = 32;
    /** A key file is a secret, not a document: anything larger is not a key file. */
    static final long MAX_FILE_BYTES = 4096;
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] secret;
    private final String id;

    public ChainKey(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("an audit key needs at least " + MIN_BYTES + " bytes, got " + secret.length);
        }
        this.secret = secret.clone();
        this.id = AuditChain.sha256Hex(this.secret).substring(0, 16);
    }

    /** Reads a key file: its bytes, without a final line break (as {@code openssl rand -hex 32 > FILE} writes). */
    public static ChainKey read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("audit key file " + file + " is " + size + " bytes; a key file holds "
                        + "one secret of " + MIN_BYTES + " to " + MAX_FILE_BYTES + " bytes");
            }
            byte[] bytes = Files.readAllBytes(file);
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                end--;
            }
            if (end < MIN_BYTES) {
                throw new IllegalArgumentException("audit key file " + file + " holds " + end + " bytes; it needs at least "
                        + MIN_BYTES + " (for example: openssl rand -hex 32 > " + file + ")");
            }
            return new ChainKey(Arrays.copyOf(bytes, end));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The key's fingerprint: 16 hex digits, safe to store and print. */
    public String id() {
        return id;
    }

    /** HMAC-SHA256 of the text under this key, hex. */
    public String mac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "audit key " + id;
    }
}
