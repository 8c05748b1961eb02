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
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that runs as a child process of Inflow, from binaries shipped in a Maven artifact, with
 * its files in a folder that survives restarts.
 *
 * <p>The library's defaults suit throw-away test databases (fsync and synchronous commit off); here the data
 * is the product, so both are turned back on. The folder is claimed first ({@link DataDirLock}): a folder that a
 * live process holds is refused untouched. A JVM that was killed leaves its PostgreSQL running and holding the
 * folder, but not the claim; {@link OrphanPostmaster} stops that one before this one starts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "inflow";
    static final String SUPERUSER = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final DataDirLock claim;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedDatabase(EmbeddedPostgres postgres, DataDirLock claim) {
        this.postgres = postgres;
        this.claim = claim;
    }

    /**
     * Starts PostgreSQL on {@code directory}, creating the cluster on first use. Whatever fails on the way, what was
     * started is stopped and the claim released before the exception leaves.
     *
     * @param port the port to listen on, or 0 for any free one
     * @param purpose what this process runs ({@code server}, {@code db command}), told to a process refused
     * @throws DataDirInUseException when another live process holds the folder; nothing is touched then
     */
    public static EmbeddedDatabase start(Path directory, int port, String purpose) {
        DataDirLock claim = DataDirLock.claim(directory, purpose);
        try {
            Files.createDirectories(directory);
            OrphanPostmaster.stopIfRunning(claim, Duration.ofSeconds(30));
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
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, claim);
            try {
                database.createApplicationDatabase();
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
            LOG.info("Embedded PostgreSQL is up on port {} with its data in {}", postgres.getPort(), directory);
            return database;
        } catch (IOException e) {
            claim.close();
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + directory, e);
        } catch (RuntimeException e) {
            claim.close();
            throw e;
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

    /**
     * Stops PostgreSQL with a fast shutdown (open transactions roll back, committed data stays), then releases the
     * folder. Closing again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        } finally {
            claim.close();
        }
    }
}
