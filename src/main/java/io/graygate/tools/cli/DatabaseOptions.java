package io.graygate.tools.cli;

import io.graygate.platform.Database;
import io.graygate.platform.DatabaseSettings;
import picocli.CommandLine.Option;

import java.util.Map;

/** Which database a command uses: the same two options on every command that reads or writes one. */
final class DatabaseOptions {
    @Option(names = "--db-url", description = "JDBC URL of the PostgreSQL to use (default: GRAYGATE_DB_URL, "
            + "else an embedded PostgreSQL under GRAYGATE_HOME)")
    String url;

    @Option(names = "--demo", description = "use the demo's database (what `graygate demo` stored, on the embedded "
            + "PostgreSQL under GRAYGATE_HOME) instead of GRAYGATE_DB_URL or the default embedded one")
    boolean demo;

    DatabaseSettings settings() {
        if (demo && url != null) {
            throw new IllegalArgumentException("--demo and --db-url name two databases; give one of them");
        }
        Map<String, String> env = Map.copyOf(System.getenv());
        return demo ? DatabaseSettings.demo(env) : DatabaseSettings.fromEnvironment(url, env);
    }

    Database open() {
        return Database.open(settings());
    }

    /** For {@code serve}: the same database behind a connection pool. */
    Database openPooled(int maxConnections) {
        return Database.openPooled(settings(), maxConnections);
    }
}
