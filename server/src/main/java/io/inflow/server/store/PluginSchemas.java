package io.inflow.server.store;

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
     * @param changelog the changelog the plugin ships, a resource of its jar
     * @param pluginLoader the plugin's class loader, which reads the changelog and what it includes
     * @return why it failed, or empty when it applied
     */
    public Optional<String> apply(String pluginId, String changelog, ClassLoader pluginLoader) {
        if (pluginLoader.getResource(changelog) == null) {
            return Optional.of("its changelog " + changelog + " is not in the plugin jar");
        }
        try {
            LiquibaseUpdate.apply(endpoint, pluginLoader, changelog);
            LOG.info("Plugin {}: schema {} is up to date", pluginId, changelog);
            return Optional.empty();
        } catch (Exception e) {
            LOG.error("Plugin {}: its changelog {} failed", pluginId, changelog, e);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return Optional.of("its changelog " + changelog + " failed: " + root.getMessage());
        }
    }
}
