package io.inflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ConnectionStateTest {

    /** A context as plugins wrote them before {@link ConnectorContext#state()} existed. */
    private static final class OlderContext implements ConnectorContext {
        @Override
        public ConnectorConfig config() {
            return ConnectorConfig.of(java.util.Map.of());
        }

        @Override
        public UpstreamClient http() {
            return new UpstreamClient() {
                @Override
                public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public System.Logger log() {
            return System.getLogger("test");
        }
    }

    @Test
    void aContextWrittenBeforeStateExistedGetsAStateThatKeepsNothing() {
        ConnectionState state = new OlderContext().state();

        state.put("token", "abc");

        assertThat(state.get("token")).isEmpty();
        state.remove("token");
        assertThat(state.get("token")).isEmpty();
    }

    @Test
    void theStateThatKeepsNothingStillRefusesWhatARealStateWouldRefuse() {
        ConnectionState state = ConnectionState.none();

        assertThatThrownBy(() -> state.put("", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> state.put("k".repeat(ConnectionState.MAX_KEY_LENGTH + 1), "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> state.put("k", "v".repeat(ConnectionState.MAX_VALUE_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("vvv");
        assertThatThrownBy(() -> state.put("k", "a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> state.put("k", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> state.get(null)).isInstanceOf(NullPointerException.class);
        state.put("k".repeat(ConnectionState.MAX_KEY_LENGTH), "v".repeat(ConnectionState.MAX_VALUE_LENGTH));
    }
}
