package io.graygate.tools.cli;

import io.graygate.audit.AuditSetup;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.rules.RuleCatalogue;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;
import io.graygate.rules.PemKeys;
import io.graygate.rules.RuleSetSignature;
import io.graygate.platform.Database;
import io.graygate.platform.DatabaseSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * Options every command shares. Relative default paths are taken from GRAYGATE_BASE (the launcher sets it
 * to the checkout) or else the working directory, so the launcher works from any directory.
 */
final class CommonOptions {
    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--release", paramLabel = "FILE", description = "release file (default: config/release.yaml)")
    Path releaseFile;

    @Option(names = "--rules", paramLabel = "DIR", description = "rules directory (default: rules)")
    Path rulesDir;

    @Option(names = "--verbose", description = "debug logging and stack traces")
    boolean verbose;

    @Option(names = "--public-key", paramLabel = "PEM", description = "only use rules signed for this public key "
            + "(default: GRAYGATE_RULES_PUBLIC_KEY; none: signatures are not checked)")
    Path publicKey;

    static Path base() {
        String base = System.getenv("GRAYGATE_BASE");
        return base == null || base.isBlank() ? Path.of("") : Path.of(base);
    }

    Path releaseFile() {
        return releaseFile != null ? releaseFile : base().resolve("config/release.yaml");
    }

    Path rulesDir() {
        return rulesDir != null ? rulesDir : base().resolve("rules");
    }

    ReleaseConfig release() {
        return ConfigLoader.load(releaseFile());
    }

    RuleSet rules() {
        return RuleLoader.load(rulesDir(), ruleCatalogue());
    }

    /** The metric and stage names of the release config, which rules may match on. */
    RuleCatalogue ruleCatalogue() {
        return RuleCatalogue.of(release());
    }

    /** The rules for an evaluation that is stored: with a public key configured, they must be signed for it. */
    RuleSet rulesForEvaluation() {
        RuleSet rules = rules();
        Path key = publicKeyFile();
        if (key != null) {
            RuleSetSignature.verify(rules, rulesDir(), PemKeys.readPublic(key));
        }
        return rules;
    }

    /** The public key rules must be signed for, or null when signatures are not checked. */
    Path publicKeyFile() {
        String fromEnv = System.getenv("GRAYGATE_RULES_PUBLIC_KEY");
        return publicKey != null ? publicKey : fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
    }

    DatabaseSettings databaseSettings() {
        return database.settings();
    }

    /** GRAYGATE_HOME (default ~/.graygate): the embedded database, the demo's data, exported reports. */
    static Path home() {
        return DatabaseSettings.graygateHome(Map.copyOf(System.getenv()));
    }

    Database openDatabase() {
        return withAudit(database.open(), null);
    }

    /** For {@code serve}: the same database behind a connection pool; {@code auditKeyFile} from its config. */
    Database openPooledDatabase(int maxConnections, Path auditKeyFile) {
        return withAudit(database.openPooled(maxConnections), auditKeyFile);
    }

    /** Keys the chain links this process appends and anchors them in GRAYGATE_HOME (see {@link AuditSetup}). */
    private Database withAudit(Database db, Path configuredKeyFile) {
        try {
            Map<String, String> env = Map.copyOf(System.getenv());
            AuditSetup.install(db.jdbi(), env, DatabaseSettings.graygateHome(env), configuredKeyFile);
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }
}
