package io.inflow.server.plugins;

import io.dropwizard.lifecycle.Managed;
import io.inflow.api.ApiVersion;
import io.inflow.api.Connector;
import io.inflow.api.ConnectorSpec;
import io.inflow.server.errors.InflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import org.pf4j.InvalidPluginDescriptorException;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins of the plugins folder, loaded with PF4J, and what became of each jar. A jar that is corrupt, has no
 * descriptor, needs a plugin API this server does not provide ({@link ApiRequirement}), throws while starting,
 * offers no {@link Connector} or whose schema fails never stops the server: it is listed with state {@code FAILED}
 * and the reason.
 *
 * <p>{@link #rescan()} brings the registry in line with the folder while the server runs: new jars are loaded,
 * removed jars unloaded, replaced jars (another size or modification time) loaded again, failed jars tried
 * again. Rescan, disable and enable are serialized, so the folder watcher's rescans and the admin's calls never
 * interleave. An admin can disable a plugin (PF4J remembers it in the
 * folder's {@code disabled.txt}) and enable it again. Each plugin whose state one of them changed, or whose jar left
 * the folder, is told to the {@code changed} listener, in the same serialized section.
 */
public final class PluginRegistry implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
    public static final String DISABLED = "DISABLED";

    private final Path folder;
    private final PluginManager manager;
    private final Function<LoadedConnector, Optional<String>> prepare;
    private final Consumer<PluginInfo> changed;
    private final Map<String, PluginInfo> plugins = new ConcurrentHashMap<>();
    /** The {@link #stamp} of each jar when it was loaded. */
    private final Map<Path, String> stamps = new ConcurrentHashMap<>();

    /**
     * @param prepare readies a started plugin (applies its schema), answering why it failed, if it did
     */
    public PluginRegistry(Path folder, Function<LoadedConnector, Optional<String>> prepare) {
        this(folder, prepare, plugin -> { });
    }

    /**
     * @param changed told of each plugin whose state changed (as {@link PluginInfo#unloaded()} when its jar left the
     *                folder); it must not throw
     */
    public PluginRegistry(Path folder, Function<LoadedConnector, Optional<String>> prepare,
                          Consumer<PluginInfo> changed) {
        this.folder = folder;
        this.manager = new JarPluginManager(folder);
        this.prepare = prepare;
        this.changed = changed;
    }

    /** What a rescan changed. */
    public record Rescan(List<String> loaded, List<String> unloaded, List<String> failed) {
    }

    /** Loads every jar in the folder; call once, before serving requests. */
    public void loadAll() {
        rescan();
    }

    /** Loads new jars, unloads removed ones and tries failed ones again. */
    public synchronized Rescan rescan() {
        Map<String, PluginInfo> before = Map.copyOf(plugins);
        List<String> loaded = new ArrayList<>();
        List<String> unloaded = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<Path> jars = jars();
        Set<Path> present = jars.stream().map(Path::toAbsolutePath).collect(Collectors.toSet());
        for (PluginInfo plugin : List.copyOf(plugins.values())) {
            boolean gone = plugin.jar() == null || !present.contains(plugin.jar().toAbsolutePath());
            boolean retry = PluginInfo.FAILED.equals(plugin.state());
            boolean replaced = !gone && !retry
                    && !stamp(plugin.jar()).equals(stamps.get(plugin.jar().toAbsolutePath()));
            if (gone || retry || replaced) {
                forget(plugin);
                if (gone || replaced) {
                    unloaded.add(plugin.id());
                }
            }
        }
        Set<Path> known = plugins.values().stream().map(PluginInfo::jar).filter(java.util.Objects::nonNull)
                .map(Path::toAbsolutePath).collect(Collectors.toSet());
        for (Path jar : jars) {
            if (known.contains(jar.toAbsolutePath())) {
                continue;
            }
            PluginInfo info = load(jar);
            plugins.put(info.id(), info);
            (info.isUsable() || DISABLED.equals(info.state()) ? loaded : failed).add(info.id());
        }
        LOG.info("Plugins in {}: {}", folder, summary());
        tellChanges(before);
        return new Rescan(loaded, unloaded, failed);
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

    /**
     * The connector of a plugin a connection needs now.
     *
     * @throws InflowException CONFLICT {@code plugin_unavailable}, saying whether the plugin is disabled, missing
     *                         or failed, with {@code plugin} and {@code pluginState} in its details
     */
    public LoadedConnector require(String pluginId) {
        return connector(pluginId).orElseThrow(() -> {
            PluginAvailability availability = availability(pluginId);
            return new InflowException(InflowException.Kind.CONFLICT, "plugin_unavailable", availability.message(),
                    Map.of("plugin", pluginId, "pluginState", availability.state().code()));
        });
    }

    /** Whether connections of {@code pluginId} can import now, and why not. */
    public PluginAvailability availability(String pluginId) {
        PluginInfo plugin = plugins.get(pluginId);
        if (plugin == null) {
            return PluginAvailability.missing(pluginId);
        }
        if (plugin.isUsable()) {
            return PluginAvailability.active();
        }
        if (DISABLED.equals(plugin.state())) {
            return PluginAvailability.disabled(pluginId);
        }
        return PluginAvailability.failed(pluginId, plugin.failure());
    }

    /** Stops a plugin and keeps it stopped across restarts; its connections cannot import until enabled. */
    public synchronized Optional<PluginInfo> disable(String pluginId) {
        PluginInfo plugin = plugins.get(pluginId);
        if (plugin == null || manager.getPlugin(pluginId) == null) {
            return Optional.ofNullable(plugin);
        }
        manager.disablePlugin(pluginId);
        PluginInfo disabled = new PluginInfo(pluginId, plugin.version(), DISABLED, plugin.jar(), Optional.empty(),
                "disabled by an admin");
        plugins.put(pluginId, disabled);
        changed.accept(disabled);
        return Optional.of(disabled);
    }

    /** Starts a disabled plugin again. */
    public synchronized Optional<PluginInfo> enable(String pluginId) {
        PluginInfo plugin = plugins.get(pluginId);
        if (plugin == null || manager.getPlugin(pluginId) == null) {
            return Optional.ofNullable(plugin);
        }
        manager.enablePlugin(pluginId);
        PluginInfo enabled;
        try {
            manager.startPlugin(pluginId);
            enabled = prepared(describe(manager.getPlugin(pluginId)));
        } catch (RuntimeException | LinkageError e) {
            enabled = PluginInfo.failed(pluginId, plugin.version(), plugin.jar(), "it failed to start: " + reason(e));
        }
        plugins.put(pluginId, enabled);
        changed.accept(enabled);
        return Optional.of(enabled);
    }

    @Override
    public void start() {
        // loaded eagerly in loadAll(), so that start-up fails fast and tests see plugins at once
    }

    @Override
    public synchronized void stop() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }

    private void tellChanges(Map<String, PluginInfo> before) {
        before.forEach((id, was) -> {
            if (!plugins.containsKey(id)) {
                changed.accept(was.unloaded());
            }
        });
        plugins.forEach((id, now) -> {
            if (!now.equals(before.get(id))) {
                changed.accept(now);
            }
        });
    }

    private PluginInfo load(Path jar) {
        stamps.put(jar.toAbsolutePath(), stamp(jar));
        String pluginId;
        try {
            pluginId = manager.loadPlugin(jar);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("PF4J could not load {}", jar, e);
            return failure(jar, loadFailure(e));
        }
        if (pluginId == null) {
            return failure(jar, "PF4J could not load it (see the log)");
        }
        PluginWrapper wrapper = manager.getPlugin(pluginId);
        if (wrapper.getPluginState() == PluginState.DISABLED) {
            return new PluginInfo(pluginId, wrapper.getDescriptor().getVersion(), DISABLED, jar, Optional.empty(),
                    "disabled by an admin");
        }
        Optional<String> incompatible = new ApiRequirement(wrapper.getDescriptor().getRequires())
                .refusal(ApiVersion.current(), manager.getVersionManager());
        if (incompatible.isPresent()) {
            LOG.error("Plugin {} ({}) is not loaded: {}", pluginId, jar.getFileName(), incompatible.get());
            return PluginInfo.failed(pluginId, wrapper.getDescriptor().getVersion(), jar, incompatible.get());
        }
        try {
            manager.startPlugin(pluginId);
        } catch (RuntimeException | LinkageError e) {
            return PluginInfo.failed(pluginId, wrapper.getDescriptor().getVersion(), jar, "it failed to start: "
                    + reason(e));
        }
        return prepared(describe(wrapper));
    }

    private PluginInfo prepared(PluginInfo info) {
        if (info.connector().isEmpty()) {
            return info;
        }
        Optional<String> failure = prepare.apply(info.connector().get());
        return failure.map(reason -> PluginInfo.failed(info.id(), info.version(), info.jar(), reason)).orElse(info);
    }

    private void forget(PluginInfo plugin) {
        plugins.remove(plugin.id());
        if (plugin.jar() != null) {
            stamps.remove(plugin.jar().toAbsolutePath());
        }
        if (manager.getPlugin(plugin.id()) != null) {
            try {
                manager.unloadPlugin(plugin.id());
            } catch (RuntimeException e) {
                LOG.warn("Plugin {} did not unload cleanly", plugin.id(), e);
            }
        }
    }

    private PluginInfo failure(Path jar, String reason) {
        String name = jar.getFileName().toString();
        LOG.error("Plugin jar {} failed to load: {}", name, reason);
        return PluginInfo.failed(name, null, jar, reason);
    }

    /** Size and modification time: a jar copied over a loaded one changes them, and is loaded again. */
    private static String stamp(Path jar) {
        try {
            return Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            return "unreadable";
        }
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

    private PluginInfo describe(PluginWrapper wrapper) {
        String id = wrapper.getPluginId();
        String version = wrapper.getDescriptor().getVersion();
        Path jar = wrapper.getPluginPath();
        if (wrapper.getPluginState() != PluginState.STARTED) {
            Throwable failure = wrapper.getFailedException();
            String reason = failure == null ? "plugin is " + wrapper.getPluginState() : reason(failure);
            return PluginInfo.failed(id, version, jar, reason);
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

    /** Why PF4J could not load a jar: in words for what an operator can fix, else its exceptions' messages. */
    private static String loadFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ZipException) {
                return "it is not a valid jar (zip) file";
            }
            if (cause instanceof InvalidPluginDescriptorException invalid) {
                return switch (String.valueOf(invalid.getMessage())) {
                    case "Field 'id' cannot be empty" -> "it is not a PF4J plugin: its manifest has no Plugin-Id";
                    case "Field 'version' cannot be empty" -> "its manifest has no Plugin-Version";
                    default -> "its PF4J descriptor is not valid: " + invalid.getMessage();
                };
            }
        }
        return reason(failure);
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
