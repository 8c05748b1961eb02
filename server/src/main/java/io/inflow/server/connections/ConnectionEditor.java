package io.inflow.server.connections;

import io.inflow.server.errors.InflowException;
import io.inflow.server.store.Deletes;
import java.util.List;
import java.util.Map;

/**
 * Creates and changes connections as the API does: a configuration is checked against its plugin's schema, then
 * against its upstream (the plugin's check, unless told not to), and only a configuration that passes both is
 * stored. A failed check stores nothing.
 */
public final class ConnectionEditor {

    private final ConnectionService connections;
    private final ConnectionCheck checks;

    ConnectionEditor(ConnectionService connections, ConnectionCheck checks) {
        this.connections = connections;
        this.checks = checks;
    }

    /**
     * Adds a connection.
     *
     * @param check whether its plugin checks it reaches the upstream first
     * @throws InflowException as {@link ConnectionService#draft} does; UNPROCESSABLE {@code check_failed} when the
     *                         check failed
     */
    public Connection create(String pluginId, String name, Map<String, Object> config, Deletes deletes,
                             List<StreamChoice> streams, boolean check) throws InterruptedException {
        return save(connections.draft(pluginId, name, config, deletes, streams), check);
    }

    /**
     * Replaces a connection's configuration, and its name when one is given.
     *
     * @param check whether its plugin checks the new configuration reaches the upstream first
     * @throws InflowException as {@link ConnectionService#draftUpdate} does; UNPROCESSABLE {@code check_failed}
     *                         when the check failed
     */
    public Connection update(long id, String name, Map<String, Object> config, Deletes deletes,
                             StreamsChange streams, boolean check) throws InterruptedException {
        return save(connections.draftUpdate(id, name, config, deletes, streams), check);
    }

    private Connection save(ConnectionService.Draft draft, boolean check) throws InterruptedException {
        if (!check) {
            return connections.save(draft);
        }
        ConnectionCheck.DraftCheck checked = checks.check(draft);
        CheckResult result = checked.result();
        if (!result.ok()) {
            throw new InflowException(InflowException.Kind.UNPROCESSABLE, "check_failed",
                    "the connection's check failed, so nothing was saved: " + result.message()
                            + " (fix the configuration, or send ?check=false to save it unchecked)",
                    Map.of("check", result));
        }
        Connection saved = connections.save(draft);
        checked.keep().accept(saved);
        return saved;
    }
}
