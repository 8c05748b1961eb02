package io.inflow.server.plugins;

import io.dropwizard.lifecycle.Managed;
import io.inflow.api.Connector;
import io.inflow.api.ConnectorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every plugin jar in the plugins folder with PF4J and keeps what became of each. A jar that is corrupt,
 * has no descriptor, throws while starting or offers no {@link Connector} never stops the server: it is listed
 * with state {@code FAILED} and the reason.
 */
public final class PluginRegistry implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    private final Path folder;
    private final PluginManager manager;
    private final Map<String, PluginInfo> plugins = new ConcurrentHashMap<>();

    public PluginRegistry(Path folder) {
        this.folder = folder;
        this.manager = new JarPluginManager(folder);
    }

    /**
     * Loads and starts every jar in the folder, then prepares each usable one with {@code prepare} (its schema):
     * a plugin whose preparation fails is listed as failed. Call once, before serving requests.
     */
    public void loadAll(Function<LoadedConnector, Optional<String>> prepare) {
        for (Path jar : jars()) {
            load(jar);
        }
        manager.startPlugins();
        for (PluginWrapper wrapper : manager.getPlugins()) {
            PluginInfo info = describe(wrapper);
            if (info.connector().isPresent()) {
                Optional<String> failure = prepare.apply(info.connector().get());
                if (failure.isPresent()) {
                    info = PluginInfo.failed(info.id(), info.version(), info.jar(), failure.get());
                }
            }
            plugins.put(wrapper.getPluginId(), info);
        }
        LOG.info("Plugins in {}: {}", folder, summary());
    }

    public List<PluginInfo> list() {
        return plugins.values().stream().sorted(Comparator.comparing(PluginInfo::id)).toList();
    }

    public Optional<PluginInfo> find(String pluginId) {
        return Optional.ofNullable(plugins.get(pluginId));
    }

    /** The connector of a usable plugin. */
    public Optional<LoadedConnector> connector(String pluginId) {
        return find(pluginId).flatMap(PluginInfo::connector);
    }

    @Override
    public void start() {
        // loaded eagerly in loadAll(), so that start-up fails fast and tests see plugins at once
    }

    @Override
    public void stop() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }

    private List<Path> jars() {
        if (!Files.isDirectory(folder)) {
            LOG.warn("Plugins folder {} does not exist; no plugin is loaded", folder);
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            LOG.error("Cannot list the plugins folder {}", folder, e);
            return List.of();
        }
    }

    private void load(Path jar) {
        try {
            String pluginId = manager.loadPlugin(jar);
            if (pluginId == null) {
                recordFailure(jar, "PF4J could not load it (see the log)");
            }
        } catch (RuntimeException | LinkageError e) {
            recordFailure(jar, reason(e));
        }
    }

    private void recordFailure(Path jar, String reason) {
        String name = jar.getFileName().toString();
        LOG.error("Plugin jar {} failed to load: {}", name, reason);
        plugins.put(name, PluginInfo.failed(name, null, jar, reason));
    }

    private PluginInfo describe(PluginWrapper wrapper) {
        String id = wrapper.getPluginId();
        String version = wrapper.getDescriptor().getVersion();
        Path jar = wrapper.getPluginPath();
        if (wrapper.getPluginState() != PluginState.STARTED) {
            Throwable failure = wrapper.getFailedException();
            String reason = failure == null ? "plugin is " + wrapper.getPluginState() : reason(failure);
            return new PluginInfo(id, version, PluginInfo.FAILED, jar, Optional.empty(), reason);
        }
        try {
            List<Connector> connectors = manager.getExtensions(Connector.class, id);
            if (connectors.size() != 1) {
                return PluginInfo.failed(id, version, jar, "a plugin must offer exactly one Connector extension, "
                        + "this one offers " + connectors.size());
            }
            Connector connector = connectors.get(0);
            ConnectorSpec spec = connector.spec();
            LoadedConnector loaded = new LoadedConnector(id, version, connector, spec);
            return new PluginInfo(id, version, wrapper.getPluginState().toString(), jar, Optional.of(loaded), null);
        } catch (RuntimeException | LinkageError e) {
            return PluginInfo.failed(id, version, jar, "its connector could not be created: " + reason(e));
        }
    }

    private static String reason(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null && messages.size() < 3; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            if (!messages.contains(message)) {
                messages.add(message);
            }
        }
        return String.join(" <- ", messages);
    }

    private String summary() {
        return plugins.values().stream()
                .map(info -> info.id() + " " + info.state())
                .sorted()
                .toList()
                .toString();
    }
}
