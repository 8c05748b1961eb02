package io.inflow.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.inflow.api.Checkpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointCodecTest {

    private final ObjectMapper json = Jackson.newObjectMapper();
    private final CheckpointCodec codec = new CheckpointCodec(json);

    @Test
    void aCheckpointIsStoredAsTheJsonObjectOfItsStrings() throws Exception {
        String stored = codec.encode(Checkpoint.of("offset", "itrA/recB").with("since", "2025-03-01T00:00:00Z"));

        assertThat(json.readTree(stored)).isEqualTo(json.readTree(
                "{\"offset\": \"itrA/recB\", \"since\": \"2025-03-01T00:00:00Z\"}"));
    }

    @Test
    void aStoredCheckpointReadsBackAsTheCheckpointThatWasStored() {
        Checkpoint checkpoint = Checkpoint.of("page", "7").with("cursor", "a \"quoted\" \u00e9 value");

        assertThat(codec.decode(codec.encode(checkpoint))).isEqualTo(checkpoint);
    }

    @Test
    void anEmptyCheckpointIsAnEmptyObject() {
        assertThat(codec.encode(Checkpoint.empty())).isEqualTo("{}");
        assertThat(codec.decode("{}")).isEqualTo(Checkpoint.empty());
    }

    @Test
    void valuesSetByAnAdminKeepTheirOrderAndNoneStaysNone() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("z", "1");
        values.put("a", "2");

        assertThat(codec.encodeValues(values)).isEqualTo("{\"z\":\"1\",\"a\":\"2\"}");
        assertThat(codec.decodeValues("{\"z\":\"1\",\"a\":\"2\"}")).containsExactly(Map.entry("z", "1"),
                Map.entry("a", "2"));
        assertThat(codec.encodeValues(null)).isNull();
        assertThat(codec.decodeValues(null)).isNull();
    }

    @Test
    void storedTextThatIsNotAnObjectOfStringsIsRefused() {
        assertThatThrownBy(() -> codec.decode("[1, 2]")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a JSON object of strings");
        assertThatThrownBy(() -> codec.decodeValues("{\"page\": {\"n\": 1}}"))
                .isInstanceOf(IllegalStateException.class);
    }
}
