package io.graygate.audit;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chain's head at one moment, to be kept where the database cannot rewrite it (the checkpoint file, a
 * report, an alert, a ticket). A later chain must still hold link {@code seq} with hash {@code hash}:
 * otherwise it was truncated, rewritten or reordered. With an audit key the checkpoint carries an HMAC over
 * its fields, so a forged checkpoint shows too.
 *
 * @param keyId the audit key's id, or null when written without a key (then {@code mac} is null too)
 */
public record Checkpoint(long seq, String hash, Instant at, String keyId, String mac) {
    private static final Pattern SHORT = Pattern.compile("([0-9a-f]{64})@(\\d{1,18})");

    /** The checkpoint of a link, authenticated with the key when there is one. */
    public static Checkpoint of(ChainLink head, Instant at, Optional<ChainKey> key) {
        return new Checkpoint(head.seq(), head.hash(), at, key.map(ChainKey::id).orElse(null),
                key.map(k -> k.mac(signed(head.seq(), head.hash(), at))).orElse(null));
    }

    /** Parses {@code HASH@SEQ}, the short form printed by {@code audit checkpoint} and in reports. */
    public static Optional<Checkpoint> parseShort(String text) {
        Matcher m = SHORT.matcher(text.trim());
        return m.matches() ? Optional.of(new Checkpoint(Long.parseLong(m.group(2)), m.group(1), null, null, null))
                : Optional.empty();
    }

    /** Whether the MAC holds under {@code key}; empty when it cannot be checked (no MAC, or another key). */
    public Optional<Boolean> authentic(Optional<ChainKey> key) {
        if (mac == null || at == null || key.isEmpty() || !key.get().id().equals(keyId)) {
            return Optional.empty();
        }
        return Optional.of(key.get().mac(signed(seq, hash, at)).equals(mac));
    }

    public String shortForm() {
        return hash + "@" + seq;
    }

    private static String signed(long seq, String hash, Instant at) {
        return String.join("\n", "graygate-checkpoint", Long.toString(seq), hash, at.toString());
    }

    @Override
    public String toString() {
        return shortForm() + (at == null ? "" : " at " + at) + (keyId == null ? " (unkeyed)" : " (key " + keyId + ")");
    }
}
