package io.inflow.server.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The database Inflow runs on: the external PostgreSQL named in the configuration, or an embedded one started
 * here under {@code <dataDir>/postgres} when none is named. Closing it stops the embedded server, if any, and
 * releases the data dir; closing again does nothing.
 */
public final class Database implements AutoCloseable {

    private final DatabaseEndpoint endpoint;
    private final Optional<EmbeddedDatabase> embedded;

    private Database(DatabaseEndpoint endpoint, Optional<EmbeddedDatabase> embedded) {
        this.endpoint = endpoint;
        this.embedded = embedded;
    }

    /**
     * @param purpose what this process runs ({@code server}, {@code db command}), named to any other process refused
     *                the embedded database's data dir while this one holds it
     * @throws DataDirInUseException when the embedded database's data dir is held by another live process
     */
    public static Database open(DatabaseConfiguration config, Path dataDir, String purpose) {
        return config.url()
                .map(url -> new Database(new DatabaseEndpoint(url, config.user(), config.password()), Optional.empty()))
                .orElseGet(() -> {
                    EmbeddedDatabase server = EmbeddedDatabase.start(dataDir.resolve("postgres"), config.embeddedPort(),
                            purpose);
                    return new Database(new DatabaseEndpoint(server.jdbcUrl(), server.user(), ""), Optional.of(server));
                });
    }

    public DatabaseEndpoint endpoint() {
        return endpoint;
    }

    public boolean isEmbedded() {
        return embedded.isPresent();
    }

    @Override
    public void close() {
        embedded.ifPresent(EmbeddedDatabase::close);
    }
}
