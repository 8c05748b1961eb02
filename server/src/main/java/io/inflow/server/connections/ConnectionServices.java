package io.inflow.server.connections;

import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.resilience.UpstreamClients;
import io.inflow.server.store.ConnectionDao;
import io.inflow.server.store.ConnectionStates;
import java.time.Clock;

/**
 * What the API asks of connections, wired around one {@link ConnectionService}: checking one against its upstream
 * ({@link ConnectionCheck}), creating and changing them checked ({@link ConnectionEditor}), and deleting them
 * ({@link ConnectionRemoval}).
 */
public record ConnectionServices(ConnectionService connections, ConnectionCheck checks, ConnectionEditor editor,
                                 ConnectionRemoval removals) {

    /**
     * @param schedules stops the schedule of a deleted connection: the job engine's
     */
    public static ConnectionServices create(ConnectionService connections, ConnectionDao dao, PluginRegistry plugins,
                                            UpstreamClients upstreams, ConnectionStates states,
                                            ScheduleCanceller schedules, Clock clock) {
        ConnectionCheck checks = new ConnectionCheck(connections, plugins, upstreams, states, clock);
        return new ConnectionServices(connections, checks, new ConnectionEditor(connections, checks),
                new ConnectionRemoval(dao, schedules));
    }
}
