package io.inflow.plugins.gmail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The plugin's one ObjectMapper, and the ways it reads Google's answers. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** A JSON object, or an {@link IOException} (which the host retries) when the body is not one. */
    static JsonNode parse(String body, String what) throws IOException {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IOException(what + " answered a body that is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IOException(what + " answered a body that is not a JSON object");
        }
        return node;
    }

    /** The body as JSON, or a missing node: for error answers, whose body may be anything. */
    static JsonNode parseQuietly(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : MAPPER.readTree(body);
            return node == null ? MAPPER.missingNode() : node;
        } catch (IOException e) {
            return MAPPER.missingNode();
        }
    }

    /** The same text for the same tree, every time: a record's payload. */
    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serializes", e);
        }
    }
}
