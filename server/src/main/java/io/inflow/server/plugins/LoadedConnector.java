package io.inflow.server.plugins;

import io.inflow.api.Connector;
import io.inflow.api.ConnectorSpec;

/**
 * A connector extension of a started plugin, with the spec it declared when it was loaded.
 *
 * @param pluginId the plugin it belongs to
 * @param version the plugin's version
 * @param connector the extension instance, shared by every connection of this plugin
 * @param spec what the connector declared
 */
public record LoadedConnector(String pluginId, String version, Connector connector, ConnectorSpec spec) {

    /** The class loader to make current while plugin code runs, for libraries that look one up. */
    public ClassLoader classLoader() {
        return connector.getClass().getClassLoader();
    }
}
