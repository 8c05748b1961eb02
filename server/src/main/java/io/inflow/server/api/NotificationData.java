package io.inflow.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.notifications.NotificationRenderer;
import io.inflow.server.notifications.Notice;
import java.util.Optional;

/**
 * Notifications as the API shows what they tell: {@code {type, timestamp, data}}; {@code data.run} the run as
 * {@code GET /api/v1/imports/{id}} showed it when it happened (rendered by the events' own code from the same
 * stored row), with its connection's id and name, its plugin, and links to the run in the API and the console.
 */
final class NotificationData implements NotificationRenderer {

    private final EventData events;
    private final ConnectionService connections;
    private final String publicUrl;
    private final ObjectMapper json;

    /** @param publicUrl the server's address for links, or empty for paths */
    NotificationData(EventData events, ConnectionService connections, String publicUrl, ObjectMapper json) {
        this.events = events;
        this.connections = connections;
        this.publicUrl = publicUrl;
        this.json = json;
    }

    @Override
    public ObjectNode body(Notice notice) {
        ObjectNode body = json.createObjectNode();
        body.put("type", notice.type());
        body.put("timestamp", notice.at().toString());
        ObjectNode data = body.putObject("data");
        JsonNode stored = events.tree(notice.data());
        if (stored.has("run")) {
            data.set("run", json.valueToTree(events.run(stored, notice.at())));
        }
        if (notice.connectionId() != null) {
            Optional<Connection> connection = connections.find(notice.connectionId());
            ObjectNode named = data.putObject("connection");
            named.put("id", notice.connectionId());
            named.put("name", connection.map(Connection::name).orElse(null));
            data.put("plugin", connection.map(Connection::pluginId).orElse(null));
        }
        ObjectNode links = json.createObjectNode();
        if (notice.runId() != null) {
            links.put("api", publicUrl + "/api/v1/imports/" + notice.runId());
            links.put("console", publicUrl + "/#/runs/" + notice.runId());
        }
        switch (notice.type()) {
            case "dead_letters.added" -> {
                ObjectNode letters = data.putObject("deadLetters");
                letters.put("added", stored.path("dead_letters").asLong());
                letters.put("link", publicUrl + "/api/v1/dead-letters?run=" + notice.runId());
            }
            case "expected_figures.mismatch" -> {
                data.set("expectedFigures", stored.path("expected_figures"));
                links.put("stats", publicUrl + "/api/v1/connections/" + notice.connectionId() + "/stats");
            }
            case "schedule.skipped" -> {
                data.put("fireTime", stored.path("fire_time").asText());
                data.put("reason", stored.path("reason").asText());
                links.put("api", publicUrl + "/api/v1/connections/" + notice.connectionId() + "/schedule");
                links.put("console", publicUrl + "/#/scheduler");
            }
            case "plugin.failed" -> {
                JsonNode plugin = stored.path("plugin");
                data.put("plugin", plugin.path("id").asText());
                data.put("version", plugin.path("version").asText(null));
                data.put("failure", plugin.path("failure").asText(null));
                data.put("node", stored.path("node").asText(null));
                links.put("api", publicUrl + "/api/v1/plugins");
                links.put("console", publicUrl + "/#/plugins");
            }
            case "test" -> {
                data.put("notification", stored.path("notification").asLong());
                data.put("message", "A test of Inflow's notifications: this subscription reaches its target.");
            }
            default -> {
                // a run's end, wait or quota: the run tells it all
            }
        }
        if (!links.isEmpty()) {
            data.set("links", links);
        }
        return body;
    }
}
