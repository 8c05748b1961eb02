package io.inflow.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.server.connections.ConnectionService;
import io.inflow.server.errors.InflowException;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.secrets.SecretEnvelope;
import io.inflow.server.secrets.SecretsKey;
import io.inflow.server.secrets.SecretsKeyRing;
import io.inflow.server.secrets.SecretsKeys;
import io.inflow.server.secrets.StoredSecrets;
import io.inflow.server.store.CheckpointCodec;
import io.inflow.server.store.NewRun;
import io.inflow.server.store.RunMode;
import io.inflow.server.store.RunTrigger;
import io.inflow.server.store.TestDatabase;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link CheckpointService}: what an admin reads and changes of where a connection's streams stand. */
class CheckpointServiceTest {

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    @TempDir
    Path pluginsFolder;

    private CheckpointService checkpoints;
    private long connectionId;

    @BeforeEach
    void createConnection() {
        SecretsKey key = SecretsKey.parse(SecretsKeys.newKey(new SecureRandom()));
        ConnectionService connections = new ConnectionService(database.connections(),
                new PluginRegistry(pluginsFolder, connector -> Optional.empty()), database.json(),
                new StoredSecrets(new SecretEnvelope(new SecretsKeyRing(List.of(key)))), name -> null);
        checkpoints = new CheckpointService(database.checkpoints(), database.runs(), connections,
                new CheckpointCodec(database.json()));
        connectionId = database.connections().insert("airtable", "clinic", "{}");
    }

    @Test
    void storedPositionsAndWatermarksReadAsTheConnectorsMaps() {
        database.checkpoints().put(connectionId, "Patients", "{\"offset\": \"itr1\"}", null);
        database.checkpoints().put(connectionId, "Visits", null, "{\"since\": \"2025-03-01\"}");

        List<StreamCheckpoint> all = checkpoints.list(connectionId);

        assertThat(all).extracting(StreamCheckpoint::stream).containsExactly("Patients", "Visits");
        assertThat(all.get(0).position()).isEqualTo(Map.of("offset", "itr1"));
        assertThat(all.get(0).watermark()).isNull();
        assertThat(all.get(1).watermark()).isEqualTo(Map.of("since", "2025-03-01"));
        assertThat(checkpoints.get(connectionId, "Visits")).isEqualTo(all.get(1));
    }

    @Test
    void aStreamWithoutCheckpointAndAnUnknownConnectionAreNotFound() {
        assertThatThrownBy(() -> checkpoints.get(connectionId, "Patients"))
                .isInstanceOfSatisfying(InflowException.class, e -> assertThat(e.code())
                        .isEqualTo("checkpoint_not_found"));
        assertThatThrownBy(() -> checkpoints.list(connectionId + 1))
                .isInstanceOfSatisfying(InflowException.class, e -> assertThat(e.code())
                        .isEqualTo("connection_not_found"));
    }

    @Test
    void resetsForgetOneStreamOrAllAndSayHowMany() {
        database.checkpoints().put(connectionId, "Patients", "{\"offset\": \"itr1\"}", null);
        database.checkpoints().put(connectionId, "Visits", "{\"offset\": \"itr2\"}", null);
        database.checkpoints().put(connectionId, "Rooms", "{\"offset\": \"itr3\"}", null);

        assertThat(checkpoints.reset(connectionId, "Patients")).isEqualTo(1);
        assertThat(checkpoints.reset(connectionId, "Patients")).isZero();
        assertThat(checkpoints.resetAll(connectionId)).isEqualTo(2);
        assertThat(checkpoints.list(connectionId)).isEmpty();
    }

    @Test
    void nothingChangesWhileARunOfTheConnectionIsActive() {
        database.checkpoints().put(connectionId, "Patients", "{\"offset\": \"itr1\"}", null);
        long run = database.runs().insertQueued(new NewRun(connectionId, RunTrigger.MANUAL, RunMode.FULL, null,
                "test", null, null, List.of("Patients"))).orElseThrow();

        for (Runnable change : List.<Runnable>of(
                () -> checkpoints.reset(connectionId, "Patients"),
                () -> checkpoints.resetAll(connectionId),
                () -> checkpoints.set(connectionId, "Patients", Map.of("offset", "itr9"), null))) {
            assertThatThrownBy(change::run).isInstanceOfSatisfying(InflowException.class, e -> {
                assertThat(e.code()).isEqualTo("run_active");
                assertThat(e.details()).isEqualTo(Map.of("activeRunId", run));
            });
        }
        assertThat(checkpoints.get(connectionId, "Patients").position()).isEqualTo(Map.of("offset", "itr1"));
    }
}
