package io.inflow.server.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.api.ConnectorSpec;
import io.inflow.server.plugins.PluginInfo;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.store.ConnectionDao;
import io.inflow.server.store.ConnectionRow;
import io.inflow.server.store.ConnectionStateDao;
import io.inflow.server.store.StateSealer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up step that seals secrets stored in plain text (by a version before encryption at rest), in one
 * transaction. Idempotent: a secret sealed already, or a reference, is left as it is. Which fields are secret is the
 * plugin's to say, so connections of a plugin that is not loaded are left for a start where it is; the log says how
 * many, and never a value.
 */
public final class PlaintextSecrets {

    private static final Logger LOG = LoggerFactory.getLogger(PlaintextSecrets.class);
    private final Jdbi jdbi;
    private final StoredSecrets secrets;
    private final PluginRegistry plugins;
    private final ConfigJson json;
    private final StateSealer states;

    public PlaintextSecrets(Jdbi jdbi, StoredSecrets secrets, StateSealer states, PluginRegistry plugins,
                            ObjectMapper json) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.states = states;
        this.plugins = plugins;
        this.json = new ConfigJson(json);
    }

    /** What one pass sealed. */
    public record Sealed(int secrets, int connections, int connectionsOfPluginsNotLoaded, int stateValues) {
    }

    public Sealed sealAll() {
        Sealed sealed = jdbi.inTransaction(handle -> {
            ConnectionDao dao = handle.attach(ConnectionDao.class);
            int values = 0;
            int connections = 0;
            int notLoaded = 0;
            for (ConnectionRow row : dao.lockAll()) {
                Optional<ConnectorSpec> spec = plugins.find(row.pluginId()).flatMap(PluginInfo::spec);
                Map<String, Object> stored = json.read(row);
                if (spec.isEmpty()) {
                    notLoaded += stored.values().stream().anyMatch(StoredSecrets::isPlain) ? 1 : 0;
                    continue;
                }
                Map<String, Object> resealed = secrets.seal(row.id(), spec.get().config(), stored);
                int count = (int) resealed.entrySet().stream()
                        .filter(entry -> !entry.getValue().equals(stored.get(entry.getKey()))).count();
                if (count > 0) {
                    dao.storeConfig(row.id(), json.write(resealed));
                    values += count;
                    connections++;
                }
            }
            ConnectionStateDao stateDao = handle.attach(ConnectionStateDao.class);
            List<ConnectionStateDao.StateRow> plain = stateDao.lockPlain();
            for (ConnectionStateDao.StateRow row : plain) {
                stateDao.storeSealed(row.connectionId(), row.key(), states.seal(row.connectionId(), row.key(),
                        row.value()));
            }
            return new Sealed(values, connections, notLoaded, plain.size());
        });
        if (sealed.secrets() > 0 || sealed.connectionsOfPluginsNotLoaded() > 0 || sealed.stateValues() > 0) {
            LOG.info("Secrets at rest: sealed {} secrets stored in plain text, of {} connections, and {} values of "
                    + "connections' states; {} connections of plugins not loaded were left as they are, for a start "
                    + "where their plugin is", sealed.secrets(), sealed.connections(), sealed.stateValues(),
                    sealed.connectionsOfPluginsNotLoaded());
        } else {
            LOG.info("Secrets at rest: no secret is stored in plain text");
        }
        return sealed;
    }
}
