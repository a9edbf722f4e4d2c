package io.graygate.platform;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the database is. With no URL, graygate runs an embedded PostgreSQL whose data directory lives
 * under {@code home}, so a newcomer needs no server and keeps their data between runs.
 */
public record DatabaseSettings(String url, String user, String password, Path home, String embeddedDatabase) {
    public static final String DEFAULT_EMBEDDED_DATABASE = "graygate";
    /** The demo's own database on the embedded server, so that synthetic data never mixes with real data. */
    public static final String DEMO_DATABASE = "graygate_demo";

    public static DatabaseSettings fromEnvironment(String cliUrl, Map<String, String> env) {
        String url = cliUrl != null ? cliUrl : env.get("GRAYGATE_DB_URL");
        if (url != null && url.isBlank()) {
            url = null;
        }
        return new DatabaseSettings(url, env.getOrDefault("GRAYGATE_DB_USER", "postgres"),
                env.getOrDefault("GRAYGATE_DB_PASSWORD", ""), graygateHome(env), DEFAULT_EMBEDDED_DATABASE);
    }

    /** The demo's database: always the embedded server under GRAYGATE_HOME, whatever GRAYGATE_DB_URL says. */
    public static DatabaseSettings demo(Map<String, String> env) {
        return new DatabaseSettings(null, "postgres", "", graygateHome(env), DEMO_DATABASE);
    }

    public static Path graygateHome(Map<String, String> env) {
        String home = env.get("GRAYGATE_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".graygate");
    }

    /** The same settings with another database on the embedded server (the demo keeps its own). */
    public DatabaseSettings withEmbeddedDatabase(String name) {
        return new DatabaseSettings(url, user, password, home, name);
    }

    public boolean embedded() {
        return url == null;
    }
}
