package io.inflow.server.connections;

import io.inflow.api.ConnectionState;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ConnectorException;
import io.inflow.api.QuotaExhaustedException;
import io.inflow.server.errors.InflowException;
import io.inflow.server.plugins.HostConnectorContext;
import io.inflow.server.plugins.LoadedConnector;
import io.inflow.server.plugins.PluginInfo;
import io.inflow.server.plugins.PluginLogger;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.api.UpstreamClient;
import io.inflow.server.resilience.DraftCalls;
import io.inflow.server.resilience.UpstreamClients;
import io.inflow.server.store.ConnectionStates;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Asks a connection's connector whether its stored configuration reaches the upstream. The call goes through the
 * connection's own {@code UpstreamClient}, as an import's do, so it keeps the same rate limit, counts against the
 * same daily quota and feeds the same circuit breaker, and reaches the same connection state (a connector may keep
 * the token its check obtained for the next run).
 */
public final class ConnectionCheck {

    private final ConnectionService connections;
    private final PluginRegistry plugins;
    private final UpstreamClients upstreams;
    private final ConnectionStates states;
    private final Clock clock;

    ConnectionCheck(ConnectionService connections, PluginRegistry plugins, UpstreamClients upstreams,
                    ConnectionStates states, Clock clock) {
        this.connections = connections;
        this.plugins = plugins;
        this.upstreams = upstreams;
        this.states = states;
        this.clock = clock;
    }

    /**
     * Runs {@code Connector.check} with the connection's stored configuration.
     *
     * @throws InflowException NOT_FOUND; CONFLICT {@code plugin_unavailable} when its plugin is missing, disabled
     *                         or failed
     */
    public CheckResult check(long connectionId) throws InterruptedException {
        Connection connection = connections.get(connectionId);
        LoadedConnector connector = plugins.connector(connection.pluginId())
                .orElseThrow(() -> unavailable(connection));
        return check(connection, connector,
                upstreams.forInteractiveCall(connection.upstreamCaller(), connector), states.of(connection.id()));
    }

    /**
     * Runs {@code Connector.check} with a draft's configuration, before it is stored. A draft of a stored
     * connection is checked as the connection is (its quota, its state). A new connection's calls and state are
     * kept aside: {@link DraftCheck#keep} counts them against the connection once it is saved.
     *
     * @throws InflowException CONFLICT {@code plugin_unavailable} when its plugin is missing, disabled or failed
     */
    DraftCheck check(ConnectionService.Draft draft) throws InterruptedException {
        Connection connection = draft.connection();
        LoadedConnector connector = plugins.connector(connection.pluginId())
                .orElseThrow(() -> unavailable(connection));
        if (draft.stored()) {
            CheckResult result = check(connection, connector,
                    upstreams.forInteractiveCall(connection.upstreamCaller(), connector), states.of(connection.id()));
            return new DraftCheck(result, saved -> {
            });
        }
        DraftCalls calls = new DraftCalls();
        DraftState state = new DraftState();
        CheckResult result = check(connection, connector,
                upstreams.forDraft(connection.upstreamCaller(), connector, calls), state);
        if (!result.ok()) {
            upstreams.forget(connection.id());
        }
        return new DraftCheck(result, saved -> {
            upstreams.keep(saved.id(), calls);
            state.copyTo(states.of(saved.id()));
        });
    }

    /**
     * What a draft's check found, and what it leaves to keep once the draft is saved.
     *
     * @param keep counts the check's calls and keeps its state under the connection saved
     */
    record DraftCheck(CheckResult result, Consumer<Connection> keep) {
    }

    private CheckResult check(Connection connection, LoadedConnector connector, UpstreamClient client,
                              ConnectionState state) throws InterruptedException {
        ConnectorConfig config;
        try {
            config = connections.upstreamConfig(connection, connector.spec().config());
        } catch (InflowException e) {
            return result(false, e.code() + ": " + e.getMessage());
        }
        HostConnectorContext context = new HostConnectorContext(config, client,
                new PluginLogger(connector.pluginId(), "connection " + connection.id() + " check"), state, clock);
        try {
            connector.callUpstream(plugin -> {
                plugin.check(context);
                return null;
            });
            return result(true, "the connector reached the upstream with this configuration");
        } catch (ConnectorException | QuotaExhaustedException e) {
            return result(false, e.getMessage());
        } catch (IOException e) {
            return result(false, "could not reach the upstream: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return result(false, "the connector failed: " + e);
        }
    }

    private CheckResult result(boolean ok, String message) {
        return new CheckResult(ok, message, clock.instant());
    }

    private InflowException unavailable(Connection connection) {
        String state = plugins.find(connection.pluginId())
                .map(plugin -> plugin.state() + (plugin.failure() == null ? "" : ": " + plugin.failure()))
                .orElse("not installed");
        return new InflowException(InflowException.Kind.CONFLICT, "plugin_unavailable",
                "plugin '" + connection.pluginId() + "' of connection " + connection.id() + " is " + state,
                Map.of("plugin", connection.pluginId(), "state", plugins.find(connection.pluginId())
                        .map(PluginInfo::state).orElse("MISSING")));
    }
}
