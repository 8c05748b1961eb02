package io.inflow.server.connections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ConnectorSpec;
import io.inflow.server.errors.InflowException;
import io.inflow.server.plugins.PluginAvailability;
import io.inflow.server.plugins.PluginInfo;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.store.ConnectionDao;
import io.inflow.server.store.ConnectionRow;
import io.inflow.server.store.Deletes;
import io.inflow.server.store.RunMode;
import io.inflow.api.config.ConfigField;
import io.inflow.api.config.ConfigSchema;
import io.inflow.server.secrets.SecretReference;
import io.inflow.server.secrets.SecretUnresolvedException;
import io.inflow.server.secrets.StoredSecrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Creates, changes and finds connections, checking each configuration against its plugin's schema. */
public final class ConnectionService {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<List<StreamChoice>> STREAM_CHOICES = new TypeReference<>() {
    };

    private final ConnectionDao dao;
    private final PluginRegistry plugins;
    private final ObjectMapper json;
    private final StoredSecrets secrets;
    private final Function<String, String> environment;

    /**
     * @param secrets seals secret values as they are stored and opens them as they are read
     * @param environment the server's environment, where {@code ${env:NAME}} references are resolved
     */
    public ConnectionService(ConnectionDao dao, PluginRegistry plugins, ObjectMapper json, StoredSecrets secrets,
                             Function<String, String> environment) {
        this.dao = dao;
        this.plugins = plugins;
        this.json = json;
        this.secrets = secrets;
        this.environment = environment;
    }

    /**
     * A connection as a create or an update would store it: its configuration checked against its plugin's schema,
     * complete with defaults, secrets in the clear; not stored yet, and never shown.
     *
     * @param connection the connection to be: a new one has its id already, and null creation and update times
     * @param stored whether it replaces a stored connection (an update) or is new (a create)
     */
    public record Draft(Connection connection, boolean stored) {
    }

    /**
     * A new connection, drafted: its id taken, nothing stored.
     *
     * @param deletes what its imports do with records deleted upstream; null for {@link Deletes#SOFT}
     * @param streams the streams it imports; null for every stream its plugin offers
     *
     * @throws InflowException INVALID when the plugin is unknown or unusable, or the name, config or streams are
     *                         bad; CONFLICT when the name is taken
     */
    public Draft draft(String pluginId, String name, Map<String, Object> config, Deletes deletes,
                       List<StreamChoice> streams) {
        if (pluginId == null || pluginId.isBlank()) {
            throw InflowException.invalid("invalid_request", "plugin is required",
                    Map.of("errors", List.of(new FieldError("plugin", "is required"))));
        }
        if (name == null || name.isBlank()) {
            throw InflowException.invalid("invalid_request", "name is required",
                    Map.of("errors", List.of(new FieldError("name", "is required"))));
        }
        ConnectorSpec spec = usableSpec(pluginId);
        Map<String, Object> given = config == null ? Map.of() : config;
        List<FieldError> errors = ConfigValidator.validate(spec.config(), given);
        if (!errors.isEmpty()) {
            throw InflowException.invalid("invalid_config",
                    "the configuration does not fit plugin '" + pluginId + "': " + describe(errors),
                    Map.of("errors", errors));
        }
        ConnectorConfig complete = ConnectorConfig.of(ConfigValidator.withDefaults(spec.config(), given));
        StreamSelection selection = streams == null ? StreamSelection.ALL : selection(pluginId, complete, streams);
        if (dao.findByName(name.trim()).isPresent()) {
            throw nameTaken(name);
        }
        Connection connection = new Connection(dao.nextId(), pluginId, name.trim(), complete, null, null,
                JobSettings.NONE, deletes == null ? Deletes.SOFT : deletes, selection, Map.of());
        return new Draft(connection, false);
    }

    /**
     * A connection's new configuration, and its name when one is given, drafted. The configuration is checked like
     * a new connection's. A secret field left out or sent as {@link ConfigRedactor#MASK} keeps its stored value,
     * so a client can send back what it read, edited. A run already started keeps the configuration it read.
     *
     * @param deletes what its imports do with records deleted upstream; null keeps what it was
     * @param streams what becomes of the streams it imports
     *
     * @throws InflowException NOT_FOUND; INVALID naming each bad field; CONFLICT when the name is taken or the
     *                         plugin is not usable (its schema is needed to check the configuration)
     */
    public Draft draftUpdate(long id, String name, Map<String, Object> config, Deletes deletes,
                             StreamsChange streams) {
        Connection current = get(id);
        if (name != null && name.isBlank()) {
            throw InflowException.invalid("invalid_request", "name must not be blank",
                    Map.of("errors", List.of(new FieldError("name", "must not be blank"))));
        }
        if (config == null) {
            throw InflowException.invalid("invalid_request", "config is required",
                    Map.of("errors", List.of(new FieldError("config", "is required"))));
        }
        ConnectorSpec spec = plugins.find(current.pluginId()).flatMap(PluginInfo::spec)
                .orElseThrow(() -> new InflowException(InflowException.Kind.CONFLICT, "plugin_unavailable",
                        "plugin '" + current.pluginId() + "' of connection " + id + " is not loaded, so its "
                                + "configuration cannot be checked", Map.of("plugin", current.pluginId())));
        Map<String, Object> given = SecretsKept.merge(spec.config(), config, current.config().asMap());
        List<String> stillUnreadable = current.unreadableSecrets().keySet().stream()
                .filter(field -> config.get(field) == null || ConfigRedactor.MASK.equals(config.get(field)))
                .toList();
        if (!stillUnreadable.isEmpty()) {
            throw new InflowException(InflowException.Kind.CONFLICT, "secrets_unreadable",
                    current.secretsProblem().orElseThrow() + ": send " + stillUnreadable.stream()
                            .map(field -> "config." + field).toList() + " again, or configure the key",
                    Map.of("fields", stillUnreadable));
        }
        List<FieldError> errors = ConfigValidator.validate(spec.config(), given);
        if (!errors.isEmpty()) {
            throw InflowException.invalid("invalid_config",
                    "the configuration does not fit plugin '" + current.pluginId() + "': " + describe(errors),
                    Map.of("errors", errors));
        }
        ConnectorConfig complete = ConnectorConfig.of(ConfigValidator.withDefaults(spec.config(), given));
        StreamSelection selection = streams.keeps() ? current.streams()
                : streams.everyStream() ? StreamSelection.ALL : selection(current.pluginId(), complete, streams.choices());
        String newName = name == null ? current.name() : name.trim();
        if (!newName.equals(current.name()) && dao.findByName(newName).isPresent()) {
            throw nameTaken(newName);
        }
        Connection connection = new Connection(id, current.pluginId(), newName, complete, current.createdAt(),
                current.updatedAt(), current.jobs(), deletes == null ? current.deletes() : deletes, selection,
                Map.of());
        return new Draft(connection, true);
    }

    /**
     * Stores a draft: inserts a new connection, or replaces a stored one's name, configuration and deletes, its
     * secrets sealed.
     *
     * @throws InflowException NOT_FOUND when a connection updated was deleted meanwhile; CONFLICT when its name
     *                         was taken meanwhile
     */
    public Connection save(Draft draft) {
        Connection connection = draft.connection();
        ConnectorSpec spec = plugins.find(connection.pluginId()).flatMap(PluginInfo::spec)
                .orElseThrow(() -> new InflowException(InflowException.Kind.CONFLICT, "plugin_unavailable",
                        "plugin '" + connection.pluginId() + "' was unloaded before connection "
                                + connection.id() + " was saved", Map.of("plugin", connection.pluginId())));
        String sealed = toJson(secrets.seal(connection.id(), spec.config(), connection.config().asMap()));
        try {
            String streams = connection.streams().named().map(this::streamsJson).orElse(null);
            if (!draft.stored()) {
                dao.insert(connection.id(), connection.pluginId(), connection.name(), sealed, connection.deletes(),
                        streams);
            } else if (!dao.update(connection.id(), connection.name(), sealed, connection.deletes(), streams)) {
                throw InflowException.notFound("connection", connection.id());
            }
        } catch (UnableToExecuteStatementException e) {
            if (dao.findByName(connection.name()).filter(other -> other.id() != connection.id()).isPresent()) {
                throw nameTaken(connection.name());
            }
            throw e;
        }
        return get(connection.id());
    }

    public Connection get(long id) {
        return find(id).orElseThrow(() -> InflowException.notFound("connection", id));
    }

    public Optional<Connection> find(long id) {
        return dao.find(id).map(this::toConnection);
    }

    public List<Connection> list() {
        return dao.list().stream().map(this::toConnection).toList();
    }

    /** Whether the connection's plugin can run its imports now. */
    public PluginAvailability pluginOf(Connection connection) {
        return plugins.availability(connection.pluginId());
    }

    /**
     * The streams the connection's plugin offers for its configuration.
     *
     * @throws InflowException CONFLICT {@code plugin_unavailable} when its plugin is missing, disabled or failed
     */
    public List<String> streams(Connection connection) {
        return plugins.require(connection.pluginId()).streams(connection.config());
    }

    /** The configuration as it may be shown: secret values masked, references as written. */
    public Map<String, Object> redactedConfig(Connection connection) {
        Map<String, Object> shown = plugins.find(connection.pluginId())
                .flatMap(PluginInfo::spec)
                .map(spec -> ConfigRedactor.redact(spec.config(), connection.config().asMap()))
                .orElseGet(() -> ConfigRedactor.maskAll(connection.config().asMap()));
        connection.unreadableSecrets().keySet().forEach(field -> shown.put(field, ConfigRedactor.MASK));
        return shown;
    }

    /**
     * The configuration a run, a check or a replay hands the plugin: its secrets decrypted and its references
     * ({@code ${env:…}}, {@code ${file:…}}) resolved now. Never stored, never shown.
     *
     * @param schema the plugin's configuration schema: the secret fields whose references are resolved
     * @throws InflowException CONFLICT {@code secrets_unreadable} when a stored secret cannot be decrypted;
     *                         CONFLICT {@code secret_unresolved} naming a reference that names nothing readable
     */
    public ConnectorConfig upstreamConfig(Connection connection, ConfigSchema schema) {
        Optional<String> problem = connection.secretsProblem();
        if (problem.isPresent()) {
            throw new InflowException(InflowException.Kind.CONFLICT, "secrets_unreadable", problem.get(),
                    Map.of("fields", List.copyOf(connection.unreadableSecrets().keySet())));
        }
        Map<String, Object> resolved = new LinkedHashMap<>(connection.config().asMap());
        for (ConfigField field : schema.fields()) {
            Optional<SecretReference> reference = field.secret()
                    ? SecretReference.of(resolved.get(field.name())) : Optional.empty();
            if (reference.isPresent()) {
                try {
                    resolved.put(field.name(), reference.get().resolve(environment));
                } catch (SecretUnresolvedException e) {
                    throw new InflowException(InflowException.Kind.CONFLICT, "secret_unresolved",
                            "config." + field.name() + " of connection " + connection.id() + " refers to "
                                    + e.getMessage(), Map.of("field", field.name()));
                }
            }
        }
        return ConnectorConfig.of(resolved);
    }

    /**
     * The streams named, checked against those the plugin offers for this configuration.
     *
     * @throws InflowException INVALID {@code invalid_streams} naming each bad entry
     */
    private StreamSelection selection(String pluginId, ConnectorConfig config, List<StreamChoice> streams) {
        if (streams.isEmpty()) {
            throw InflowException.invalid("invalid_streams", "streams names no stream; leave it out to import "
                    + "every stream", Map.of("errors", List.of(new FieldError("streams", "names no stream"))));
        }
        List<String> offered = plugins.require(pluginId).streams(config);
        Map<String, RunMode> modes = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            StreamChoice choice = streams.get(i);
            String field = "streams[" + i + "]";
            if (choice == null || choice.name() == null || choice.name().isBlank()) {
                errors.add(new FieldError(field, "needs the name of a stream"));
            } else if (!offered.contains(choice.name())) {
                errors.add(new FieldError(field, "'" + choice.name() + "' is not a stream of plugin '" + pluginId
                        + "' with this configuration; its streams are " + offered));
            } else if (modes.containsKey(choice.name())) {
                errors.add(new FieldError(field, "'" + choice.name() + "' is named twice"));
            } else {
                modes.put(choice.name(), choice.mode() == null ? RunMode.INCREMENTAL : choice.mode());
            }
        }
        if (!errors.isEmpty()) {
            throw InflowException.invalid("invalid_streams", "the streams do not fit plugin '" + pluginId + "': "
                    + describe(errors), Map.of("errors", errors));
        }
        return new StreamSelection(modes);
    }

    private ConnectorSpec usableSpec(String pluginId) {
        PluginInfo plugin = plugins.find(pluginId).orElseThrow(() -> InflowException.invalid("unknown_plugin",
                "no plugin has id '" + pluginId + "'", Map.of("plugins", plugins.list().stream()
                        .map(PluginInfo::id).toList())));
        return plugin.spec().orElseThrow(() -> InflowException.invalid("plugin_unusable",
                "plugin '" + pluginId + "' is " + plugin.state() + ": " + plugin.failure(), Map.of()));
    }

    private static InflowException nameTaken(String name) {
        return new InflowException(InflowException.Kind.CONFLICT, "name_taken",
                "a connection named '" + name.trim() + "' exists already", Map.of());
    }

    private static String describe(List<FieldError> errors) {
        return String.join("; ", errors.stream().map(error -> error.field() + " " + error.message()).toList());
    }

    private StreamSelection streamSelection(String storedJson) throws JsonProcessingException {
        Map<String, RunMode> modes = new LinkedHashMap<>();
        json.readValue(storedJson, STREAM_CHOICES).forEach(choice -> modes.put(choice.name(), choice.mode()));
        return new StreamSelection(modes);
    }

    private Connection toConnection(ConnectionRow row) {
        try {
            StoredSecrets.Opened opened = secrets.open(row.id(), json.readValue(row.config(), JSON_OBJECT));
            JobSettings jobs = new JobSettings(row.scheduleCron(), row.scheduleTimezone(), row.scheduleEnabled(),
                    row.importOnStartup(), Duration.ofSeconds(row.cooldownSeconds()));
            StreamSelection streams = row.streams() == null ? StreamSelection.ALL : streamSelection(row.streams());
            return new Connection(row.id(), row.pluginId(), row.name(), ConnectorConfig.of(opened.config()),
                    row.createdAt(), row.updatedAt(), jobs, row.deletes(), streams, opened.unreadable());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("connection " + row.id() + " has a configuration that is not JSON", e);
        }
    }

    /** The streams named, as stored: a JSON array of {@code {"name", "mode"}} in the order they were named. */
    private String streamsJson(Map<String, RunMode> modes) {
        return toJson(modes.entrySet().stream().map(entry -> new StreamChoice(entry.getKey(), entry.getValue()))
                .toList());
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps, lists and records of JSON values always serialize", e);
        }
    }
}
