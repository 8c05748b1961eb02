package io.inflow.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request a fake API answered. {@code query} holds the decoded URL parameters (a repeated name
 * maps to a list); {@code body} the JSON body of a POST, when there was one; {@code status} is 0 for
 * a dropped connection; {@code fault} the key of the fault injected into the answer, or null.
 */
public record LoggedRequest(
        String method, String path, Map<String, Object> query, JsonNode body, int status, Instant at, String fault) {

    /** A parameter from the query string, or else from a top-level field of the JSON body. */
    public Optional<String> param(String name) {
        Object value = query.get(name);
        if (value instanceof String text) {
            return Optional.of(text);
        }
        if (value instanceof List<?> values && !values.isEmpty()) {
            return Optional.of(String.valueOf(values.get(0)));
        }
        if (body != null && body.hasNonNull(name)) {
            JsonNode field = body.get(name);
            return Optional.of(field.isTextual() ? field.asText() : field.toString());
        }
        return Optional.empty();
    }
}
