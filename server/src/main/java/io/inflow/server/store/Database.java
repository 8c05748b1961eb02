package io.inflow.server.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The database Inflow runs on: the external PostgreSQL named in the configuration, or an embedded one started
 * here under {@code <dataDir>/postgres} when none is named. Closing it stops the embedded server, if any.
 */
public final class Database implements AutoCloseable {

    private final DatabaseEndpoint endpoint;
    private final Optional<EmbeddedDatabase> embedded;

    private Database(DatabaseEndpoint endpoint, Optional<EmbeddedDatabase> embedded) {
        this.endpoint = endpoint;
        this.embedded = embedded;
    }

    public static Database open(DatabaseConfiguration config, Path dataDir) {
        return config.url()
                .map(url -> new Database(new DatabaseEndpoint(url, config.user(), config.password()), Optional.empty()))
                .orElseGet(() -> {
                    EmbeddedDatabase server = EmbeddedDatabase.start(dataDir.resolve("postgres"), config.embeddedPort());
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
