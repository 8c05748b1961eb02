package io.inflow.server.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.server.connections.StreamChoice;
import io.inflow.server.connections.StreamsChange;
import io.inflow.server.errors.InflowException;
import io.inflow.server.store.Deletes;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code PUT /api/v1/connections/{id}}: create's body, where {@code name} may be left out (kept) and
 * {@code plugin}, when given, must be the connection's own (a connection never changes plugin).
 *
 * @param config the whole new configuration; a secret left out or sent as {@code ********} keeps its value
 * @param deletes {@code soft} or {@code hard}; left out, it is kept
 * @param streams the streams it imports, as create's; left out, they are kept; null, every stream is imported
 */
public record UpdateConnectionRequest(String plugin, String name, Map<String, Object> config, Deletes deletes,
                                      JsonNode streams) {

    /**
     * What the body does to the connection's streams: {@code streams} left out keeps them, {@code null} imports
     * every stream, a list names them. (A {@code JsonNode} tells the two first apart: Jackson gives {@code null} for
     * a property left out and a {@code NullNode} for one sent as null.)
     *
     * @throws InflowException INVALID {@code wrong_type} when it is not a list of names or {@code {name, mode}}
     */
    StreamsChange streamsChange(ObjectMapper json) {
        if (streams == null) {
            return StreamsChange.keep();
        }
        if (streams.isNull()) {
            return StreamsChange.toEveryStream();
        }
        try {
            return StreamsChange.to(json.convertValue(streams, STREAM_CHOICES));
        } catch (IllegalArgumentException e) {
            throw InflowException.invalid("wrong_type", "streams must be a list of stream names or of {\"name\", "
                    + "\"mode\"} objects, mode 'full' or 'incremental': " + e.getMessage().lines().findFirst()
                    .orElse(""), Map.of("field", "streams"));
        }
    }

    private static final TypeReference<List<StreamChoice>> STREAM_CHOICES = new TypeReference<>() {
    };
}
