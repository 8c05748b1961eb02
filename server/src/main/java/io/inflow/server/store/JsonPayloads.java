package io.inflow.server.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/**
 * Tells whether PostgreSQL can store a payload as {@code jsonb}, without building a tree: a single JSON
 * object, and no NUL character (which {@code jsonb} refuses). One bad record then becomes a dead letter
 * instead of failing its whole batch.
 */
final class JsonPayloads {

    private final JsonFactory factory;

    JsonPayloads(JsonFactory factory) {
        this.factory = factory;
    }

    /** Why the payload cannot be stored, or empty when it can. */
    Optional<String> problem(String payload) {
        if (payload.indexOf('\u0000') >= 0 || payload.contains("\\u0000")) {
            return Optional.of("the payload contains a NUL character, which PostgreSQL's jsonb cannot store");
        }
        try (JsonParser parser = factory.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.of("the payload is not a JSON object");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return Optional.of("the payload has content after its JSON object");
            }
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.of("the payload is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return Optional.of("the payload could not be read: " + e.getMessage());
        }
    }
}
