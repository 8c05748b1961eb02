package io.inflow.plugins.toast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON parsing for tests. */
final class ToastTestJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ToastTestJson() {}

    /** As the connector reads Toast's answers: decimals exactly as written. */
    static JsonNode readExact(String json) {
        try {
            return ToastApi.json().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
