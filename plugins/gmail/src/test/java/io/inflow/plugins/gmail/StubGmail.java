package io.inflow.plugins.gmail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inflow.api.ConnectorConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mailbox whose history the test writes, served over HTTP in Gmail's shapes: for what the sandbox cannot do
 * (move a message to Spam or Trash). It answers one history page, gets of the messages it holds (Gmail's 404
 * for any other), and a one-page listing of them that leaves Spam and Trash out unless asked.
 */
final class StubGmail implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_FOUND = """
            {"error":{"code":404,"message":"Requested entity was not found.","errors":[{"message":"Requested entity \
            was not found.","domain":"global","reason":"notFound"}],"status":"NOT_FOUND"}}""";

    private final HttpServer server;
    private final ArrayNode history = JSON.createArrayNode();
    private final Map<String, ObjectNode> messages = new LinkedHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private long historyId = 100;

    StubGmail() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A message as it stands now, with these labels. */
    StubGmail message(String id, String... labelIds) {
        ObjectNode message = JSON.createObjectNode().put("id", id).put("threadId", id);
        message.putArray("labelIds").addAll(List.of(labelIds).stream().map(JSON.getNodeFactory()::textNode).toList());
        message.put("snippet", "about " + id).put("historyId", "100").put("internalDate", "1700000000000")
                .put("sizeEstimate", 2048);
        ObjectNode header = message.putObject("payload").putArray("headers").addObject();
        header.put("name", "Subject").put("value", "About " + id);
        messages.put(id, message);
        return this;
    }

    /** A history record: {@code kind} (messagesAdded, labelsAdded, ...) of one message, with these label ids. */
    StubGmail change(String kind, String id, String... labelIds) {
        ObjectNode record = history.addObject().put("id", Long.toString(++historyId));
        record.putArray("messages").addObject().put("id", id).put("threadId", id);
        ObjectNode change = record.putArray(kind).addObject();
        change.putObject("message").put("id", id).put("threadId", id);
        if (labelIds.length > 0) {
            change.putArray("labelIds").addAll(List.of(labelIds).stream().map(JSON.getNodeFactory()::textNode).toList());
        }
        return this;
    }

    ConnectorConfig config(Map<String, Object> extra) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, Object> values = new HashMap<>(Map.of("baseUrl", base, "tokenUrl", base + "/token",
                "clientId", "client", "clientSecret", "secret", "refreshToken", "1//refresh", "requestsPerSecond", 1_000));
        values.putAll(extra);
        return ConnectorConfig.of(values);
    }

    /** The requests so far, as {@code METHOD path}. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = String.valueOf(exchange.getRequestURI().getQuery());
        requests.add(exchange.getRequestMethod() + " " + path);
        String users = "/gmail/v1/users/me";
        if (path.equals("/token")) {
            reply(exchange, 200, "{\"access_token\":\"ya29.stub\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
        } else if (path.equals(users + "/history")) {
            ObjectNode page = JSON.createObjectNode();
            page.set("history", history);
            reply(exchange, 200, page.put("historyId", Long.toString(historyId)).toString());
        } else if (path.equals(users + "/messages")) {
            boolean spamTrash = query.contains("includeSpamTrash=true");
            ObjectNode page = JSON.createObjectNode();
            ArrayNode listed = page.putArray("messages");
            messages.values().stream()
                    .filter(message -> spamTrash || !message.path("labelIds").toString().matches(".*\"(SPAM|TRASH)\".*"))
                    .forEach(message -> listed.addObject().put("id", message.path("id").asText()).put("threadId",
                            message.path("threadId").asText()));
            reply(exchange, 200, page.put("resultSizeEstimate", listed.size()).toString());
        } else if (path.startsWith(users + "/messages/") && messages.containsKey(path.substring(users.length() + 10))) {
            reply(exchange, 200, messages.get(path.substring(users.length() + 10)).toString());
        } else {
            reply(exchange, 404, NOT_FOUND);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
