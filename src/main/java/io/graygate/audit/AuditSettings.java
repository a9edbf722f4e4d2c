package io.graygate.audit;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.JdbiConfig;

import java.util.Optional;

/**
 * How this process authenticates and anchors the chain, carried by the {@link Jdbi} it writes with: the audit
 * key (absent: links are unkeyed, and say so) and the checkpoint file (absent: no checkpoints are written).
 * Jdbi gives every handle its own copy, which also remembers the newest link that handle appended, so that
 * one checkpoint is written per committed transaction, for its last link.
 */
public final class AuditSettings implements JdbiConfig<AuditSettings> {
    private ChainKey key;
    private CheckpointLog checkpoints;
    private ChainLink newestAppended;
    /** Set while {@link CanonicalContent#inCanonicalSettings} holds the session settings pinned on this handle. */
    boolean pinned;

    public AuditSettings() {
    }

    private AuditSettings(AuditSettings other) {
        this.key = other.key;
        this.checkpoints = other.checkpoints;
    }

    /** Configures a Jdbi: links it appends are keyed with {@code key}, and each commit is anchored in {@code checkpoints}. */
    public static void install(Jdbi jdbi, Optional<ChainKey> key, Optional<CheckpointLog> checkpoints) {
        AuditSettings settings = jdbi.getConfig(AuditSettings.class);
        settings.key = key.orElse(null);
        settings.checkpoints = checkpoints.orElse(null);
    }

    public Optional<ChainKey> key() {
        return Optional.ofNullable(key);
    }

    public Optional<CheckpointLog> checkpoints() {
        return Optional.ofNullable(checkpoints);
    }

    void appended(ChainLink link) {
        newestAppended = link;
    }

    boolean isNewestAppended(ChainLink link) {
        return newestAppended == link;
    }

    @Override
    public AuditSettings createCopy() {
        return new AuditSettings(this);
    }
}
