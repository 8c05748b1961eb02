package io.inflow.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.api.Checkpoint;
import java.util.Map;

/**
 * The stored form of a checkpoint: the JSON object of its strings, as {@code checkpoints.position} and
 * {@code checkpoints.watermark} hold it. Every checkpoint written or read by the server passes here.
 */
public final class CheckpointCodec {

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public CheckpointCodec(ObjectMapper json) {
        this.json = json;
    }

    /** The JSON of a checkpoint a connector committed. */
    public String encode(Checkpoint checkpoint) {
        return encodeValues(checkpoint.values());
    }

    /**
     * The checkpoint a read starts from.
     *
     * @throws IllegalStateException when the text is not a JSON object of strings
     */
    public Checkpoint decode(String stored) {
        return new Checkpoint(decodeValues(stored));
    }

    /** The JSON of a checkpoint's values as an admin sets them; null for none. */
    public String encodeValues(Map<String, String> values) {
        if (values == null) {
            return null;
        }
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    /**
     * A stored checkpoint's values, as they are shown; null for none.
     *
     * @throws IllegalStateException when the text is not a JSON object of strings
     */
    public Map<String, String> decodeValues(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(stored, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored checkpoint is not a JSON object of strings", e);
        }
    }
}
