package io.inflow.server.plugins;

import io.inflow.api.ConnectorSpec;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A plugin as the server sees it: loaded and usable, or failed with the reason.
 *
 * @param id the plugin id from its manifest, or the jar's file name when it could not be read
 * @param version the plugin version, or null when unknown
 * @param state PF4J's state name ({@code STARTED}, {@code FAILED}, ...)
 * @param jar the jar it came from
 * @param connector its connector, when it is usable
 * @param failure why it is not usable, or null
 */
public record PluginInfo(String id, String version, String state, Path jar, Optional<LoadedConnector> connector,
                         String failure) {

    public static final String FAILED = "FAILED";
    /** Not a PF4J state: a plugin whose jar left the folder, as its last change tells it. */
    public static final String UNLOADED = "UNLOADED";

    public static PluginInfo failed(String id, String version, Path jar, String reason) {
        return new PluginInfo(id, version, FAILED, jar, Optional.empty(), reason);
    }

    /** This plugin once its jar left the plugins folder. */
    public PluginInfo unloaded() {
        return new PluginInfo(id, version, UNLOADED, jar, Optional.empty(), "its jar left the plugins folder");
    }

    public boolean isUsable() {
        return connector.isPresent();
    }

    public Optional<ConnectorSpec> spec() {
        return connector.map(LoadedConnector::spec);
    }
}
