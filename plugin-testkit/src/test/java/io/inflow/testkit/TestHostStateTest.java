package io.inflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectionState;
import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ConnectorContext;
import io.inflow.api.ConnectorSpec;
import io.inflow.api.Limits;
import io.inflow.api.ReadContext;
import io.inflow.api.config.ConfigSchema;
import io.inflow.api.record.Batch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestHostStateTest {

    /** Counts its reads and checks in the connection's state, as a connector keeps a token there. */
    private static final class CountingConnector implements Connector {

        @Override
        public ConnectorSpec spec() {
            return new ConnectorSpec("Counting", "", ConfigSchema.of(), Limits.perSecond(100), List.of("a", "b"));
        }

        @Override
        public void check(ConnectorContext context) {
            count(context.state(), "checks");
        }

        @Override
        public void read(String stream, Checkpoint checkpoint, ReadContext context) {
            count(context.state(), "reads");
            context.commit(new Batch(List.of(), Checkpoint.of("done", "true")));
        }

        private static void count(ConnectionState state, String key) {
            int before = state.get(key).map(Integer::parseInt).orElse(0);
            state.put(key, Integer.toString(before + 1));
        }
    }

    @Test
    void everyReadAndCheckOfOneHostSeesOneConnectionStateAndAnotherHostItsOwn() throws Exception {
        TestHost host = new TestHost(new CountingConnector(), ConnectorConfig.of(Map.of()));

        host.fullImport();
        host.incrementalImport();
        host.check();

        assertThat(host.state().asMap()).containsExactlyInAnyOrderEntriesOf(Map.of("reads", "4", "checks", "1"));
        assertThat(new TestHost(new CountingConnector(), ConnectorConfig.of(Map.of())).state().asMap()).isEmpty();
    }

    @Test
    void theStateHoldsAsManyKeysAsTheServerAllowsAndRefusesWhatTheServerRefuses() {
        InMemoryConnectionState state = new InMemoryConnectionState();
        for (int i = 0; i < ConnectionState.MAX_KEYS; i++) {
            state.put("key-" + i, "v");
        }

        assertThatThrownBy(() -> state.put("one-too-many", "v")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> state.put("key-0", "x".repeat(ConnectionState.MAX_VALUE_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        state.put("key-0", "replaced");
        state.remove("key-1");
        assertThat(state.get("key-0")).contains("replaced");
        assertThat(state.get("key-1")).isEmpty();
        assertThat(state.asMap()).hasSize(ConnectionState.MAX_KEYS - 1);
    }
}
