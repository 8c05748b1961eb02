package io.inflow.server.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.server.store.ConnectionRow;
import java.util.Map;

/** A connection's stored configuration as a map and back, for the passes that seal its secrets again. */
final class ConfigJson {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final ObjectMapper json;

    ConfigJson(ObjectMapper json) {
        this.json = json;
    }

    Map<String, Object> read(ConnectionRow row) {
        try {
            return json.readValue(row.config(), JSON_OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("connection " + row.id() + " has a configuration that is not JSON", e);
        }
    }

    String write(Map<String, Object> config) {
        try {
            return json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a configuration read as JSON always serializes", e);
        }
    }
}
