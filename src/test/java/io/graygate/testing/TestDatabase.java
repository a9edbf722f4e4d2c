package io.graygate.testing;

import io.graygate.platform.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.util.Locale;
import java.util.UUID;

/**
 * Gives each test class a fresh, migrated database. With GRAYGATE_TEST_DB_URL set (CI points it at the
 * machine's PostgreSQL) the database is created on that server; otherwise one embedded PostgreSQL, started
 * once, serves the whole test run. The migrations run once per server and test run, into a template database;
 * each test class gets a copy of it ({@code CREATE DATABASE ... TEMPLATE}), which takes a fraction of the
 * time the migrations took per class. Use with {@code @ExtendWith(TestDatabase.class)} and take a
 * {@link Database} parameter.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestDatabase.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Server server = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("server", key -> Server.start(), Server.class);
        context.getStore(NAMESPACE).put("db", create(server, context.getRequiredTestClass()));
    }

    /**
     * A fresh, migrated database for tests that JUnit Jupiter extensions do not reach (jqwik properties);
     * closing it drops it. Without GRAYGATE_TEST_DB_URL it lives on an embedded server of its own.
     */
    public static synchronized Database standalone(Class<?> testClass) {
        if (standaloneServer == null) {
            standaloneServer = Server.start();
            Server started = standaloneServer;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started)));
        }
        return create(standaloneServer, testClass);
    }

    private static Server standaloneServer;

    private static Database create(Server server, Class<?> testClass) {
        String name = "gg_" + testClass.getSimpleName().toLowerCase(Locale.ROOT) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        String template = server.migratedTemplate();
        Jdbi.create(server.admin()).useHandle(h -> h.execute("CREATE DATABASE " + name + " TEMPLATE " + template));
        return new Database(server.dataSource(name), "test database " + name, () -> dropQuietly(server, name));
    }

    private static void closeQuietly(Server server) {
        try {
            server.close();
        } catch (IOException e) {
            // the JVM is exiting; the embedded server's directory is temporary
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Database db = context.getStore(NAMESPACE).remove("db", Database.class);
        if (db != null) {
            db.close();
        }
    }

    private static void dropQuietly(Server server, String name) {
        Jdbi.create(server.admin()).useHandle(h -> h.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Database.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get("db", Database.class);
    }

    /** A PostgreSQL server that can create databases: the configured one, or an embedded one. */
    private static final class Server implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final String url;
        private final String user;
        private final String password;
        private final EmbeddedPostgres embedded;
        /** This run's migrated template database, created on first use; unique, so parallel runs never share one. */
        private String template;

        private Server(String url, String user, String password, EmbeddedPostgres embedded) {
            this.url = url;
            this.user = user;
            this.password = password;
            this.embedded = embedded;
        }

        static Server start() {
            String url = System.getenv("GRAYGATE_TEST_DB_URL");
            if (url != null && !url.isBlank()) {
                return new Server(url, System.getenv().getOrDefault("GRAYGATE_TEST_DB_USER", "postgres"),
                        System.getenv().getOrDefault("GRAYGATE_TEST_DB_PASSWORD", ""), null);
            }
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                return new Server(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", pg);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL for tests", e);
            }
        }

        /**
         * The template every test database is copied from, migrated once. Its connections are closed before
         * it is used: PostgreSQL copies a template only while nobody is connected to it.
         */
        synchronized String migratedTemplate() {
            if (template == null) {
                String name = "gg_template_" + UUID.randomUUID().toString().substring(0, 8);
                Jdbi.create(admin()).useHandle(h -> h.execute("CREATE DATABASE " + name));
                try (Database db = new Database(dataSource(name), "test template " + name, () -> { })) {
                    db.migrate();
                }
                template = name;
            }
            return template;
        }

        PGSimpleDataSource admin() {
            return dataSource(null);
        }

        PGSimpleDataSource dataSource(String database) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(url);
            if (database != null) {
                ds.setDatabaseName(database);
            }
            ds.setUser(user);
            if (!password.isEmpty()) {
                ds.setPassword(password);
            }
            return ds;
        }

        @Override
        public synchronized void close() throws IOException {
            if (template != null && embedded == null) {
                dropQuietly(this, template);
            }
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
