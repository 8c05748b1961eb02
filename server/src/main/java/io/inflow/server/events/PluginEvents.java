package io.inflow.server.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.server.plugins.PluginInfo;
import io.inflow.server.store.EventDao;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records {@code plugin.changed} events: each node has its own plugins folder, so the event names the node, and
 * carries the plugin as the API showed it then. A change that cannot be recorded (the database is away) is logged,
 * never in the way of loading plugins.
 */
public final class PluginEvents implements Consumer<PluginInfo> {

    public static final String TYPE = "plugin.changed";
    private static final Logger LOG = LoggerFactory.getLogger(PluginEvents.class);

    private final EventDao events;
    private final String node;
    private final Function<PluginInfo, Object> view;
    private final ObjectMapper json;

    /** @param view the plugin as {@code GET /api/v1/plugins} shows it */
    public PluginEvents(EventDao events, String node, Function<PluginInfo, Object> view, ObjectMapper json) {
        this.events = events;
        this.node = node;
        this.view = view;
        this.json = json;
    }

    /** What a {@code plugin.changed} event stores. */
    public record Stored(String node, Object plugin) {
    }

    @Override
    public void accept(PluginInfo plugin) {
        try {
            events.emit(TYPE, json.writeValueAsString(new Stored(node, view.apply(plugin))));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("Plugin {} is now {} but its event could not be recorded: {}", plugin.id(), plugin.state(),
                    e.toString());
        }
    }
}
