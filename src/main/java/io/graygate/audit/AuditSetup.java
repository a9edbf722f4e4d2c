package io.graygate.audit;

import org.jdbi.v3.core.Jdbi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a graygate process finds its audit key and keeps its checkpoints: the key file named by
 * {@code GRAYGATE_AUDIT_KEY_FILE}, else by the service config's {@code audit.key_file}; no key means unkeyed
 * links (and verify and reports say so). Checkpoints go to {@code GRAYGATE_HOME/audit/checkpoints.jsonl}.
 */
public final class AuditSetup {
    public static final String KEY_FILE_ENV = "GRAYGATE_AUDIT_KEY_FILE";

    private AuditSetup() {
    }

    /** The audit key file in force: the environment's, else the configured one, else none. */
    public static Optional<Path> keyFile(Map<String, String> env, Path configured) {
        String fromEnv = env.get(KEY_FILE_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(Path.of(fromEnv));
        }
        return Optional.ofNullable(configured);
    }

    /** Keys and anchors the chain this Jdbi appends to. */
    public static void install(Jdbi jdbi, Map<String, String> env, Path graygateHome, Path configuredKeyFile) {
        Optional<ChainKey> key = keyFile(env, configuredKeyFile).map(ChainKey::read);
        AuditSettings.install(jdbi, key, Optional.of(CheckpointLog.under(graygateHome)));
    }
}
