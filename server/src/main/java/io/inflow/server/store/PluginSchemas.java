package io.inflow.server.store;

import io.inflow.server.plugins.LoadedConnector;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the Liquibase changelog a plugin ships (its typed views over {@code records}) when the plugin is
 * loaded, reading it from the plugin's own class loader. The schema's advisory lock makes it safe with several nodes.
 */
public final class PluginSchemas {

    private static final Logger LOG = LoggerFactory.getLogger(PluginSchemas.class);

    private final DatabaseEndpoint endpoint;

    public PluginSchemas(DatabaseEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Brings the plugin's schema up to date.
     *
     * @return why it failed, or empty when the plugin has no changelog or it applied
     */
    public Optional<String> apply(LoadedConnector connector) {
        Optional<String> changelog = connector.call(plugin -> plugin.changelog());
        if (changelog.isEmpty()) {
            return Optional.empty();
        }
        ClassLoader pluginLoader = connector.connector().getClass().getClassLoader();
        if (pluginLoader.getResource(changelog.get()) == null) {
            return Optional.of("its changelog " + changelog.get() + " is not in the plugin jar");
        }
        try {
            LiquibaseUpdate.apply(endpoint, pluginLoader, changelog.get());
            LOG.info("Plugin {}: schema {} is up to date", connector.pluginId(), changelog.get());
            return Optional.empty();
        } catch (Exception e) {
            LOG.error("Plugin {}: its changelog {} failed", connector.pluginId(), changelog.get(), e);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return Optional.of("its changelog " + changelog.get() + " failed: " + root.getMessage());
        }
    }
}
