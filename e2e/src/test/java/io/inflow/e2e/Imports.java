package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** Drives the server's REST API the way a script would: create connections, trigger imports, wait for them. */
final class Imports {

    private static final Set<String> ACTIVE = Set.of("queued", "running", "cancelling");

    private final TestServer server;
    private final Json json = new Json();

    Imports(TestServer server) {
        this.server = server;
    }

    /** Whether a run with this status may still change: queued, running or cancelling. */
    static boolean isActive(String status) {
        return ACTIVE.contains(status);
    }

    /** Creates a connection from a body, as a user does (its plugin checks it first); answers its id. */
    long createConnection(JsonNode body) {
        return created(json.post(server.api("/connections"), body));
    }

    /**
     * Creates a connection without its check ({@code ?check=false}): one that is meant not to reach its upstream,
     * or whose upstream calls a test counts from its first import on. Answers its id.
     */
    long createUncheckedConnection(JsonNode body) {
        return created(json.post(server.api("/connections?check=false"), body));
    }

    private static long created(Json.Answer created) {
        assertThat(created.status()).as("create connection: %s", created.body()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    /** The sandbox's ready-made Airtable connection body, renamed and with settings overridden. */
    static ObjectNode airtableConnection(JsonNode sandboxConnections, String name, String... configPairs) {
        ObjectNode body = sandboxConnections.path("airtable").deepCopy();
        body.put("name", name);
        ObjectNode config = (ObjectNode) body.path("config");
        for (int i = 0; i < configPairs.length; i += 2) {
            String value = configPairs[i + 1];
            if (value.matches("-?\\d+(\\.\\d+)?")) {
                config.put(configPairs[i], Double.parseDouble(value));
            } else {
                config.put(configPairs[i], value);
            }
        }
        return body;
    }

    Json.Answer trigger(long connectionId, String mode) {
        return json.post(server.api("/connections/" + connectionId + "/imports"),
                "{\"mode\":\"" + mode + "\",\"notes\":\"e2e\"}");
    }

    /** Triggers an import and waits until it ends; answers the finished run. */
    JsonNode run(long connectionId, String mode) {
        Json.Answer triggered = trigger(connectionId, mode);
        assertThat(triggered.status()).as("trigger: %s", triggered.body()).isEqualTo(202);
        return awaitEnd(triggered.body().path("id").asLong());
    }

    JsonNode awaitEnd(long runId) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode run = json.get(server.api("/imports/" + runId)).body();
            last.set(run);
            return !ACTIVE.contains(run.path("status").asText());
        });
        return last.get();
    }

    Json.Answer get(String path) {
        return json.get(server.api(path));
    }

    Json.Answer post(String path, String body) {
        return json.post(server.api(path), body);
    }

    Json.Answer delete(String path) {
        return json.delete(server.api(path));
    }

    Json.Answer put(String path, String body) {
        return json.put(server.api(path), body);
    }

    JsonNode run(long runId) {
        return json.get(server.api("/imports/" + runId)).body();
    }
}
