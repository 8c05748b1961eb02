package io.inflow.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.api.ConnectionState;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectionStatesTest {

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    private long connectionId;
    private long otherConnectionId;

    @BeforeEach
    void createConnections() {
        connectionId = database.connections().insert("mindbody", "studio", "{}");
        otherConnectionId = database.connections().insert("mindbody", "other-studio", "{}");
    }

    /** Another node: its own Jdbi and pool over the same database. */
    private ConnectionStates anotherNode() {
        Jdbi jdbi = Jdbi.create(database.endpoint().url(), database.endpoint().user(), "")
                .installPlugin(new SqlObjectPlugin());
        return new ConnectionStates(jdbi, database.stateSealer());
    }

    @Test
    void aValuePutIsDurableAtOnceAndSeenByAnotherNodeButNotByAnotherConnection() {
        database.states().of(connectionId).put("staffToken", "token-1");

        assertThat(anotherNode().of(connectionId).get("staffToken")).contains("token-1");
        assertThat(anotherNode().of(otherConnectionId).get("staffToken")).isEmpty();
    }

    @Test
    void aValueIsStoredSealedAndDoesNotOpenForAnotherConnectionOrWithAnotherKey() {
        database.states().of(connectionId).put("staffToken", "token-1");

        String stored = storedValue(connectionId, "staffToken");
        assertThat(stored).startsWith("v1:").doesNotContain("token-1")
                .doesNotContain(java.util.Base64.getEncoder().encodeToString("token-1".getBytes()));
        database.jdbi().useHandle(handle -> handle.createUpdate(
                        "INSERT INTO connection_state (connection_id, key, value, sealed) VALUES (:id, 'staffToken', "
                                + ":value, true)")
                .bind("id", otherConnectionId).bind("value", stored).execute());
        assertThatThrownBy(() -> database.states().of(otherConnectionId).get("staffToken"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key 'staffToken' of the state of connection " + otherConnectionId
                        + " cannot be read")
                .hasMessageContaining("sealed for another connection or state key");
        Jdbi jdbi = Jdbi.create(database.endpoint().url(), database.endpoint().user(), "")
                .installPlugin(new SqlObjectPlugin());
        assertThatThrownBy(() -> new ConnectionStates(jdbi, TestDatabase.sealer()).of(connectionId).get("staffToken"))
                .hasMessageContaining("which is not configured")
                .hasMessageNotContaining("token-1");
    }

    @Test
    void aValueAVersionBeforeSealingStoredInPlainTextIsReadAsItIs() {
        database.jdbi().useHandle(handle -> handle.execute("INSERT INTO connection_state (connection_id, key, value) "
                + "VALUES (" + connectionId + ", 'staffToken', 'legacy-token')"));

        assertThat(database.states().of(connectionId).get("staffToken")).contains("legacy-token");
    }

    private String storedValue(long connection, String key) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT value FROM connection_state WHERE connection_id = :id AND key = :key")
                .bind("id", connection).bind("key", key).mapTo(String.class).one());
    }

    @Test
    void aPutReplacesTheValueAndARemoveForgetsItTwiceWithoutComplaint() {
        ConnectionState state = database.states().of(connectionId);
        state.put("staffToken", "token-1");

        state.put("staffToken", "token-2");

        assertThat(state.get("staffToken")).contains("token-2");
        state.remove("staffToken");
        state.remove("staffToken");
        assertThat(state.get("staffToken")).isEmpty();
    }

    @Test
    void aConnectionHoldsAtMostItsLimitOfKeysAndMayStillReplaceOne() {
        ConnectionState state = database.states().of(connectionId);
        for (int i = 0; i < ConnectionState.MAX_KEYS; i++) {
            state.put("key-" + i, "v");
        }

        assertThatThrownBy(() -> state.put("one-too-many", "v")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Integer.toString(ConnectionState.MAX_KEYS));
        state.put("key-0", "replaced");
        assertThat(state.get("key-0")).contains("replaced");
        assertThat(database.states().of(otherConnectionId).get("key-0")).isEmpty();
    }

    @Test
    void deletingAConnectionWithoutPurgeDropsItsStateAndALaterPutIsDropped() {
        ConnectionState state = database.states().of(connectionId);
        state.put("staffToken", "token-1");

        database.jdbi().useHandle(handle -> {
            handle.attach(ConnectionDao.class).deleteState(connectionId);
            handle.attach(ConnectionDao.class).softDelete(connectionId);
        });
        state.put("staffToken", "token-2");

        assertThat(state.get("staffToken")).isEmpty();
    }

    @Test
    void aStatementThatFailsDoesNotCarryTheValueInItsMessageOrItsCauses() {
        ConnectionState state = database.states().of(connectionId);
        String secret = "secret-token-that-must-not-leak";
        database.jdbi().useHandle(handle -> handle.execute(
                "ALTER TABLE connection_state ADD CONSTRAINT test_refuses_long_values CHECK (length(value) < 10)"));
        try {
            assertThatThrownBy(() -> state.put("staffToken", secret))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("connection " + connectionId).hasMessageContaining("staffToken")
                    .hasMessageContaining("23514")
                    .satisfies(e -> {
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
                        }
                    });
        } finally {
            database.jdbi().useHandle(handle -> handle.execute(
                    "ALTER TABLE connection_state DROP CONSTRAINT test_refuses_long_values"));
        }
    }
}
