package io.inflow.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.store.ConnectionStates;
import io.inflow.server.store.TestDatabase;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The start-up step seals what a version before encryption at rest stored in plain text: here, connection state. */
class PlaintextSecretsTest {

    private static final SecretsKey KEY = SecretsKey.parse(SecretsKeys.newKey(new SecureRandom()));

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    @TempDir
    Path pluginsFolder;

    @Test
    void connectionStateStoredInPlainTextIsSealedOnceAndStillReads() {
        long studio = database.connections().insert("mindbody", "studio", "{}");
        database.jdbi().useHandle(handle -> handle.execute("INSERT INTO connection_state (connection_id, key, value) "
                + "VALUES (" + studio + ", 'staffToken', 'legacy-token')"));
        SecretEnvelope envelope = new SecretEnvelope(new SecretsKeyRing(List.of(KEY)));
        PluginRegistry noPlugins = new PluginRegistry(pluginsFolder, connector -> Optional.empty());
        PlaintextSecrets step = new PlaintextSecrets(database.jdbi(), new StoredSecrets(envelope),
                new SealedStates(envelope), noPlugins, new ObjectMapper());

        PlaintextSecrets.Sealed first = step.sealAll();
        PlaintextSecrets.Sealed second = step.sealAll();

        assertThat(first.stateValues()).isEqualTo(1);
        assertThat(second.stateValues()).isZero();
        String stored = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT value || ' ' || sealed FROM connection_state WHERE connection_id = " + studio)
                .mapTo(String.class).one());
        assertThat(stored).startsWith("v1:" + KEY.id() + ":").endsWith(" true").doesNotContain("legacy-token");
        assertThat(new ConnectionStates(database.jdbi(), new SealedStates(envelope)).of(studio).get("staffToken"))
                .contains("legacy-token");
    }
}
