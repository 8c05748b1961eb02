package io.inflow.server.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.errors.InflowException;
import io.inflow.server.plugins.LoadedConnector;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.resilience.UpstreamClients;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.RunMode;
import io.inflow.server.store.RunRow;
import io.inflow.server.store.RunTrigger;
import io.inflow.server.store.Store;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Starts imports: records a queued run with its streams and hands it to this node's executor. */
public final class ImportService {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Store store;
    private final ConnectionService connections;
    private final PluginRegistry plugins;
    private final RunExecutor executor;

    private ImportService(Store store, ConnectionService connections, PluginRegistry plugins, RunExecutor executor) {
        this.store = store;
        this.connections = connections;
        this.plugins = plugins;
        this.executor = executor;
    }

    /** Builds the service and the executor it feeds; manage the executor's lifecycle. */
    public static ImportService create(Store store, ConnectionService connections, PluginRegistry plugins,
                                       UpstreamClients upstreams, ObjectMapper json, JobsConfiguration config) {
        String node = config.nodeName();
        ImportRunner runner = new ImportRunner(store, connections, plugins, upstreams, json, node);
        RunExecutor executor = new RunExecutor(runner, store.runs(), node, config.workerThreads());
        return new ImportService(store, connections, plugins, executor);
    }

    public RunExecutor executor() {
        return executor;
    }

    /**
     * Queues an import of every stream of a connection and starts it.
     *
     * @throws InflowException NOT_FOUND for an unknown connection; CONFLICT when its plugin is not usable or it
     *                         already has an active run (details carry {@code activeRunId})
     */
    public RunRow trigger(long connectionId, RunMode mode, String notes, String requestedBy, RunTrigger trigger) {
        Connection connection = connections.get(connectionId);
        LoadedConnector connector = plugins.connector(connection.pluginId())
                .orElseThrow(() -> new InflowException(InflowException.Kind.CONFLICT, "plugin_unavailable",
                        "plugin '" + connection.pluginId() + "' of connection " + connectionId + " is not loaded",
                        Map.of("plugin", connection.pluginId())));
        List<String> streams = streamsOf(connector, connection);
        ImportRunDao runs = store.runs();
        long runId;
        try {
            runId = runs.insertQueued(connectionId, trigger, mode, notes, requestedBy, streams);
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw activeRunConflict(connectionId);
            }
            throw e;
        }
        executor.submit(runId);
        return runs.find(runId).orElseThrow();
    }

    private static List<String> streamsOf(LoadedConnector connector, Connection connection) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(connector.classLoader());
        try {
            List<String> streams = connector.connector().streams(connection.config());
            if (streams == null || streams.isEmpty()) {
                throw new InflowException(InflowException.Kind.CONFLICT, "no_streams",
                        "connection " + connection.id() + " offers no stream to import", Map.of());
            }
            return List.copyOf(new java.util.LinkedHashSet<>(streams));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private InflowException activeRunConflict(long connectionId) {
        Long activeRunId = store.runs().findActive(connectionId).map(RunRow::id).orElse(null);
        return new InflowException(InflowException.Kind.CONFLICT, "run_active",
                "connection " + connectionId + " already has an active import"
                        + (activeRunId == null ? "" : " (run " + activeRunId + ")"),
                activeRunId == null ? Map.of() : Map.of("activeRunId", activeRunId));
    }
}
