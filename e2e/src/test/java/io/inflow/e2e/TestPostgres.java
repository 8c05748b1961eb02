package io.inflow.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The one embedded PostgreSQL of the test JVM, started on first use and stopped (its folder removed) when the JVM
 * ends. Each in-process server ({@link TestServer#withPlugins}) gets a fresh, empty database of its own on it,
 * passed to the server as its external database ({@code database.url}), so that a test class costs a
 * {@code CREATE DATABASE} instead of an {@code initdb} and a PostgreSQL start of its own (some 4 s of CPU each).
 *
 * <p>The tests that are about the embedded database itself, or that kill or restart a server process or its
 * PostgreSQL, keep a PostgreSQL of their own ({@link NodeProcess#startEmbedded}, {@link SharedDatabase}).
 *
 * <p>Durability settings are the test library's (no {@code fsync}, no synchronous commit): no test here stops this
 * PostgreSQL or its machine abruptly, and the servers beside each other would otherwise wait on each other's WAL
 * flushes. A server running as the product does (its own embedded PostgreSQL) turns them on again.
 */
final class TestPostgres {

    private static final String USER = "postgres";
    private static TestPostgres instance;

    private final EmbeddedPostgres postgres;

    private TestPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** The JVM's PostgreSQL, started by the first caller. */
    static synchronized TestPostgres get() {
        if (instance == null) {
            try {
                instance = new TestPostgres(EmbeddedPostgres.builder()
                        .setPGStartupWait(Duration.ofSeconds(60))
                        // the servers of the classes running side by side, 8 pooled connections each and a few more
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start());
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the test JVM's embedded PostgreSQL", e);
            }
        }
        return instance;
    }

    /** Creates a fresh, empty database named {@code name} (unique in the JVM); answers its JDBC URL. */
    synchronized String createDatabase(String name) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database " + name, e);
        }
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
    }

    String user() {
        return USER;
    }
}
