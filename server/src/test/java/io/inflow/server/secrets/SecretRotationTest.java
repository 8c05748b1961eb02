package io.inflow.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.server.store.TestDatabase;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecretRotationTest {

    private static final SecretsKey OLD = SecretsKey.parse(SecretsKeys.newKey(new SecureRandom()));
    private static final SecretsKey NEW = SecretsKey.parse(SecretsKeys.newKey(new SecureRandom()));
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    @Test
    void everySecretIsSealedAgainWithTheNewestKeyAndStillOpens() throws Exception {
        SecretEnvelope old = new SecretEnvelope(new SecretsKeyRing(List.of(OLD)));
        long clinic = store("clinic", id -> Map.of("baseId", "app1", "apiToken", sealed(old, "pat-1", id, "apiToken")));
        long studio = store("studio", id -> Map.of("apiKey", sealed(old, "mb-key", id, "apiKey"),
                "password", "${env:STUDIO_PASSWORD}"));
        new io.inflow.server.store.ConnectionStates(database.jdbi(), new SealedStates(old)).of(studio)
                .put("staffToken", "token-1");
        long webhook = database.jdbi().onDemand(io.inflow.server.store.NotificationDao.class).nextId();
        database.jdbi().onDemand(io.inflow.server.store.NotificationDao.class).insert(webhook, "https://hooks.example.com/",
                null, null, null, old.sealNotificationSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", webhook));
        SecretsKeyRing both = new SecretsKeyRing(List.of(NEW, OLD));

        SecretRotation.Rotated rotated = new SecretRotation(database.jdbi(), both, JSON).rotate();
        SecretRotation.Rotated again = new SecretRotation(database.jdbi(), both, JSON).rotate();

        assertThat(rotated).isEqualTo(new SecretRotation.Rotated(NEW.id(), 2, 0, 2, 1, 1));
        assertThat(again).isEqualTo(new SecretRotation.Rotated(NEW.id(), 0, 2, 0, 0, 0));
        SecretEnvelope newOnly = new SecretEnvelope(new SecretsKeyRing(List.of(NEW)));
        assertThat(new io.inflow.server.store.ConnectionStates(database.jdbi(), new SealedStates(newOnly)).of(studio)
                .get("staffToken")).contains("token-1");
        assertThat(newOnly.open(envelope(clinic, "apiToken"), clinic, "apiToken")).isEqualTo("pat-1");
        assertThat(newOnly.open(envelope(studio, "apiKey"), studio, "apiKey")).isEqualTo("mb-key");
        assertThat(stored(studio)).contains("\"password\": \"${env:STUDIO_PASSWORD}\"");
        assertThat(newOnly.openNotificationSecret(database.jdbi().onDemand(io.inflow.server.store.NotificationDao.class)
                .find(webhook).orElseThrow().secret(), webhook)).isEqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }

    @Test
    void aSecretThatDoesNotOpenStopsTheRotationWithNothingChanged() {
        SecretEnvelope old = new SecretEnvelope(new SecretsKeyRing(List.of(OLD)));
        long first = store("first", id -> Map.of("apiToken", sealed(old, "pat-1", id, "apiToken")));
        store("second", id -> Map.of("apiToken", Map.of(StoredSecrets.ENVELOPE, "v1:00000000:AAAA")));
        String before = stored(first);

        assertThatThrownBy(() -> new SecretRotation(database.jdbi(), new SecretsKeyRing(List.of(NEW, OLD)), JSON)
                .rotate()).isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("(second) config.apiToken").hasMessageContaining("nothing was re-encrypted");
        assertThat(stored(first)).isEqualTo(before);
    }

    /** Inserts a connection whose config is made once its id is known: secrets are sealed for their connection. */
    private long store(String name, LongFunction<Map<String, Object>> config) {
        long id = database.connections().insert("test", name, "{}");
        database.connections().storeConfig(id, write(config.apply(id)));
        return id;
    }

    private static Map<String, String> sealed(SecretEnvelope envelope, String value, long connection, String field) {
        return Map.of(StoredSecrets.ENVELOPE, envelope.seal(value, connection, field));
    }

    private String envelope(long id, String field) throws Exception {
        return JSON.readTree(stored(id)).path(field).path(StoredSecrets.ENVELOPE).asText();
    }

    private String stored(long id) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT config::text FROM connections WHERE id = "
                + id).mapTo(String.class).one());
    }

    private static String write(Map<String, Object> config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
