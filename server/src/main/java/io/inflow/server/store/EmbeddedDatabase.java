package io.inflow.server.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that runs as a child process of Inflow, from binaries shipped in a Maven artifact, with
 * its files in a folder that survives restarts.
 *
 * <p>The library's defaults suit throw-away test databases (fsync and synchronous commit off); here the data
 * is the product, so both are turned back on. A JVM that was killed leaves its PostgreSQL running and holding
 * the folder; {@link OrphanPostmaster} stops that one before this one starts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "inflow";
    private static final String SUPERUSER = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on {@code directory}, creating the cluster on first use.
     *
     * @param port the port to listen on, or 0 for any free one
     */
    public static EmbeddedDatabase start(Path directory, int port) {
        try {
            Files.createDirectories(directory);
            OrphanPostmaster.stopIfRunning(directory, Duration.ofSeconds(30));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100")
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres);
            database.createApplicationDatabase();
            LOG.info("Embedded PostgreSQL is up on port {} with its data in {}", postgres.getPort(), directory);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + directory, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public String user() {
        return SUPERUSER;
    }

    public int port() {
        return postgres.getPort();
    }

    private void createApplicationDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database '" + DATABASE + "'", e);
        }
    }

    /** Stops PostgreSQL with a fast shutdown: open transactions roll back, committed data stays. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
