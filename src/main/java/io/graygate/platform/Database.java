package io.graygate.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** graygate's PostgreSQL: a configured server, or an embedded one under GRAYGATE_HOME. */
public final class Database implements AutoCloseable {
    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final String description;
    private final AutoCloseable owned;

    public Database(DataSource dataSource, String description, AutoCloseable owned) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.description = description;
        this.owned = owned;
    }

    /** Connects (starting the embedded server when no URL is set) and applies pending migrations. */
    public static Database open(DatabaseSettings settings) {
        Database db = settings.embedded() ? startEmbedded(settings.home(), settings.embeddedDatabase()) : connect(settings);
        try {
            db.migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /**
     * Like {@link #open}, with a connection pool in front, for the long-running service: without one every
     * request, scheduled run and pull opened a PostgreSQL backend of its own. Broken connections (a restarted
     * server, a killed backend) are dropped by the pool and replaced on the next request.
     */
    public static Database openPooled(DatabaseSettings settings, int maxConnections) {
        Database direct = open(settings);
        HikariConfig config = new HikariConfig();
        config.setDataSource(direct.dataSource);
        config.setPoolName("graygate");
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            direct.close();
            throw new DatabaseException("cannot start the connection pool for " + direct.description + ": " + e.getMessage(), e);
        }
        return new Database(pool, direct.description + " (pool of " + maxConnections + ")", () -> {
            pool.close();
            direct.close();
        });
    }

    /** Connects without migrating, for operators who run {@code db info} before {@code db migrate}. */
    public static Database openWithoutMigrating(DatabaseSettings settings) {
        return settings.embedded() ? startEmbedded(settings.home(), settings.embeddedDatabase()) : connect(settings);
    }

    public static Database connect(DatabaseSettings settings) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(settings.url());
        ds.setUser(settings.user());
        if (!settings.password().isEmpty()) {
            ds.setPassword(settings.password());
        }
        checkReachable(ds, settings.url());
        return new Database(ds, settings.url(), () -> { });
    }

    private static Database startEmbedded(Path home, String databaseName) {
        Path dataDir = home.resolve("pgdata");
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(home);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new DatabaseException("cannot start the embedded PostgreSQL in " + dataDir
                    + " (is another graygate using it? set GRAYGATE_HOME or GRAYGATE_DB_URL): " + e.getMessage(), e);
        }
        try {
            createDatabaseIfMissing(postgres.getPostgresDatabase(), databaseName);
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            throw e;
        }
        DataSource ds = postgres.getDatabase("postgres", databaseName);
        return new Database(ds, "embedded PostgreSQL in " + dataDir + " (database " + databaseName + ")", postgres);
    }

    private static void createDatabaseIfMissing(DataSource admin, String name) {
        Jdbi.create(admin).useHandle(h -> {
            boolean exists = h.createQuery("SELECT count(*) > 0 FROM pg_database WHERE datname = :name")
                    .bind("name", name).mapTo(Boolean.class).one();
            if (!exists) {
                if (!name.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("bad embedded database name " + name);
                }
                // CREATE DATABASE takes no bind parameters; the name is checked above and chosen by graygate.
                h.execute("CREATE DATABASE " + name);
            }
        });
    }

    private static void checkReachable(DataSource ds, String url) {
        try (Connection ignored = ds.getConnection()) {
            // reachable
        } catch (SQLException e) {
            throw new DatabaseException("cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }

    public MigrateResult migrate() {
        return flyway().migrate();
    }

    public List<MigrationInfo> migrationInfo() {
        return List.of(flyway().info().all());
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        closeQuietly(owned);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(Database.class).warn("closing the database failed", e);
        }
    }
}
