package io.inflow.e2e;

import io.inflow.server.store.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A PostgreSQL that several Inflow nodes share, as a managed database would be: the nodes get its URL. */
final class SharedDatabase implements AutoCloseable {

    private final java.nio.file.Path directory;
    private volatile EmbeddedDatabase postgres;

    private SharedDatabase(java.nio.file.Path directory, EmbeddedDatabase postgres) {
        this.directory = directory;
        this.postgres = postgres;
    }

    static SharedDatabase start() {
        try {
            java.nio.file.Path directory = Files.createTempDirectory("inflow-shared-pg").resolve("postgres");
            SharedDatabase database = new SharedDatabase(directory, EmbeddedDatabase.start(directory, 0, "shared test database"));
            // stopped when the test JVM ends, after the nodes using it have stopped
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "shared-database-stop"));
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return postgres.jdbcUrl();
    }

    String user() {
        return postgres.user();
    }

    long queryLong(String sql) {
        try (Connection connection = DriverManager.getConnection(url(), user(), "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    String queryString(String sql) {
        try (Connection connection = DriverManager.getConnection(url(), user(), "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * Restarts PostgreSQL on the same files and port, as an operator's restart would, with {@code whileDown} run
     * while it is stopped.
     */
    void restart(Runnable whileDown) {
        int port = postgres.port();
        postgres.close();
        whileDown.run();
        postgres = EmbeddedDatabase.start(directory, port, "shared test database");
    }

    @Override
    public void close() {
        postgres.close();
    }
}
