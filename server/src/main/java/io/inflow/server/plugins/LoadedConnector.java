package io.inflow.server.plugins;

import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ConnectorSpec;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * A connector extension of a started plugin, with the spec it declared when it was loaded.
 *
 * @param pluginId the plugin it belongs to
 * @param version the plugin's version
 * @param connector the extension instance, shared by every connection of this plugin
 * @param spec what the connector declared
 */
public record LoadedConnector(String pluginId, String version, Connector connector, ConnectorSpec spec) {

    /** A call into plugin code that may talk to the upstream. */
    @FunctionalInterface
    public interface UpstreamCall<T> {
        T call(Connector connector) throws IOException, InterruptedException;
    }

    /**
     * Calls the connector with the plugin's class loader as the thread's context class loader, for the libraries
     * in the plugin that look one up (service loaders, JSON modules).
     */
    public <T> T call(Function<Connector, T> call) {
        ClassLoader previous = enterPlugin();
        try {
            return call.apply(connector);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** The Liquibase changelog the plugin ships (its views over {@code records}), a resource of its jar; or empty. */
    public Optional<String> changelog() {
        return call(plugin -> plugin.changelog());
    }

    /** The plugin's class loader: its jar first, then the host's. */
    public ClassLoader classLoader() {
        return connector.getClass().getClassLoader();
    }

    /** The streams the connector offers for {@code config}, each once, in its order; empty when it offers none. */
    public List<String> streams(ConnectorConfig config) {
        List<String> streams = call(plugin -> plugin.streams(config));
        return streams == null ? List.of() : List.copyOf(new LinkedHashSet<>(streams));
    }

    /**
     * Whether a full scan of the stream sees every record the upstream holds, so that a completed one may mark
     * deleted what it did not see (see {@link Connector#fullScanIsComplete}). A connector that fails to say does
     * not reconcile.
     */
    public boolean fullScanIsComplete(ConnectorConfig config, String stream) {
        try {
            return call(plugin -> plugin.fullScanIsComplete(config, stream));
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(LoadedConnector.class).warn("Plugin {} failed to say whether a full scan of {} is "
                    + "complete; it will not reconcile deletions: {}", pluginId, stream, e.toString());
            return false;
        }
    }

    /** {@link #call}, for the connector methods that reach the upstream. */
    public <T> T callUpstream(UpstreamCall<T> call) throws IOException, InterruptedException {
        ClassLoader previous = enterPlugin();
        try {
            return call.call(connector);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private ClassLoader enterPlugin() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader());
        return previous;
    }
}
