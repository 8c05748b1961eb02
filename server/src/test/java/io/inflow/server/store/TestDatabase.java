package io.inflow.server.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL per test JVM, migrated once and emptied before each test (the habit of db-scheduler's
 * cluster tests: a real database, shared, cleared between tests).
 */
public final class TestDatabase implements BeforeEachCallback {

    private static final class Holder {
        static final EmbeddedDatabase SERVER = start();
        static final DatabaseEndpoint ENDPOINT = new DatabaseEndpoint(SERVER.jdbcUrl(), SERVER.user(), "");
        static final javax.sql.DataSource POOL = ENDPOINT.dataSourceFactory(4)
                .build(new com.codahale.metrics.MetricRegistry(), "test");

        private static EmbeddedDatabase start() {
            try {
                Path directory = Files.createTempDirectory("inflow-test-pg");
                EmbeddedDatabase server = EmbeddedDatabase.start(directory.resolve("postgres"), 0, "test database");
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
                new SchemaMigrator(new DatabaseEndpoint(server.jdbcUrl(), server.user(), "")).migrate();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final ObjectMapper json = Jackson.newObjectMapper();
    private final Jdbi jdbi = configured(Jdbi.create(Holder.ENDPOINT.url(), Holder.ENDPOINT.user(), "")
            .installPlugin(new SqlObjectPlugin()));
    private final ConnectionDao connections = jdbi.onDemand(ConnectionDao.class);
    private final ImportRunDao runs = jdbi.onDemand(ImportRunDao.class);
    private final CheckpointDao checkpoints = jdbi.onDemand(CheckpointDao.class);
    private final RecordCountDao recordCounts = jdbi.onDemand(RecordCountDao.class);
    private final DeadLetterDao deadLetters = jdbi.onDemand(DeadLetterDao.class);
    private final QuotaDao quotas = jdbi.onDemand(QuotaDao.class);
    private final RecordSink sink = new RecordSink(jdbi, json);
    /** Sealed with a key of this test database's own, as the server seals with its secrets key. */
    private final StateSealer stateSealer = sealer();
    private final ConnectionStates states = new ConnectionStates(jdbi, stateSealer);
    private final RateLimitTable rateLimits = new RateLimitTable(Holder.POOL::getConnection);

    @Override
    public void beforeEach(ExtensionContext context) {
        jdbi.useHandle(handle -> {
            handle.execute("TRUNCATE records, checkpoints, dead_letters, quota_usage, connection_state, "
                    + "rate_limit_permits, rate_limit_scopes, import_run_streams, import_runs, connections, "
                    + "scheduled_tasks, notifications, notification_deliveries, notification_checks, scan_seen, "
                    + "expected_figure_states RESTART IDENTITY CASCADE");
            handle.execute("UPDATE scheduler_state SET running = true");
            // after the update, whose event its trigger records as it commits
            handle.execute("TRUNCATE events RESTART IDENTITY");
            handle.execute("UPDATE events_pruned SET through_id = 0");
        });
    }

    /** What seals {@link #states()}' values: another node of the same cluster would have the same key. */
    public StateSealer stateSealer() {
        return stateSealer;
    }

    /** A sealer of connection state values under a fresh secrets key. */
    public static StateSealer sealer() {
        io.inflow.server.secrets.SecretsKey key = io.inflow.server.secrets.SecretsKey.parse(
                io.inflow.server.secrets.SecretsKeys.newKey(new java.security.SecureRandom()));
        return new io.inflow.server.secrets.SealedStates(new io.inflow.server.secrets.SecretEnvelope(
                new io.inflow.server.secrets.SecretsKeyRing(java.util.List.of(key))));
    }

    /** As the server configures its own. */
    private static Jdbi configured(Jdbi jdbi) {
        LowercaseEnums.install(jdbi);
        return jdbi;
    }

    public ConnectionDao connections() {
        return connections;
    }

    public ImportRunDao runs() {
        return runs;
    }

    public CheckpointDao checkpoints() {
        return checkpoints;
    }

    public RecordCountDao recordCounts() {
        return recordCounts;
    }

    public DeadLetterDao deadLetters() {
        return deadLetters;
    }

    public QuotaDao quotas() {
        return quotas;
    }

    public RecordSink sink() {
        return sink;
    }

    public ConnectionStates states() {
        return states;
    }

    /** The rate limits' table, over a small pool as the server's is. */
    public RateLimitTable rateLimits() {
        return rateLimits;
    }

    /** A small pool over the database, as the server's: for db-scheduler's client. */
    public javax.sql.DataSource dataSource() {
        return Holder.POOL;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public ObjectMapper json() {
        return json;
    }

    public DatabaseEndpoint endpoint() {
        return Holder.ENDPOINT;
    }
}
