package io.inflow.server.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.server.store.ConnectionDao;
import io.inflow.server.store.ConnectionStateDao;
import io.inflow.server.store.ConnectionRow;
import io.inflow.server.store.NotificationDao;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Seals every stored secret (secret fields of configurations, values of connections' states, and notification
 * webhooks' secrets) again with the
 * newest key, in one transaction that locks the connections' rows: a
 * server running meanwhile waits for it to commit, and reads either every old envelope or every new one. A secret
 * that does not open aborts the whole rotation, nothing changed.
 */
public final class SecretRotation {

    private final Jdbi jdbi;
    private final SecretsKeyRing keys;
    private final SecretEnvelope envelope;
    private final ConfigJson json;

    public SecretRotation(Jdbi jdbi, SecretsKeyRing keys, ObjectMapper json) {
        this.jdbi = jdbi;
        this.keys = keys;
        this.envelope = new SecretEnvelope(keys);
        this.json = new ConfigJson(json);
    }

    /**
     * @param resealed secrets sealed again with the newest key
     * @param alreadyNewest secrets the newest key had sealed already
     * @param connections connections whose stored configuration changed
     * @param stateValues values of connections' states sealed again with the newest key
     * @param webhookSecrets notification webhooks' secrets sealed again with the newest key
     */
    public record Rotated(String keyId, int resealed, int alreadyNewest, int connections, int stateValues,
                          int webhookSecrets) {
    }

    /** @throws SecretUnreadableException naming the connection and field that would not open; nothing changed */
    public Rotated rotate() throws SecretUnreadableException {
        String newest = keys.newest().id();
        return jdbi.inTransaction(handle -> {
            ConnectionDao dao = handle.attach(ConnectionDao.class);
            int resealed = 0;
            int already = 0;
            int connections = 0;
            for (ConnectionRow row : dao.lockAll()) {
                Map<String, Object> stored = json.read(row);
                Map<String, Object> rotated = new LinkedHashMap<>(stored);
                for (Map.Entry<String, Object> entry : stored.entrySet()) {
                    Optional<String> sealed = StoredSecrets.sealed(entry.getValue());
                    if (sealed.isEmpty()) {
                        continue;
                    }
                    if (SecretEnvelope.keyIdOf(sealed.get()).filter(newest::equals).isPresent()) {
                        already++;
                        continue;
                    }
                    String value;
                    try {
                        value = envelope.open(sealed.get(), row.id(), entry.getKey());
                    } catch (SecretUnreadableException e) {
                        throw new SecretUnreadableException("connection " + row.id() + " (" + row.name() + ") config."
                                + entry.getKey() + ": " + e.getMessage() + "; nothing was re-encrypted");
                    }
                    rotated.put(entry.getKey(), Map.of(StoredSecrets.ENVELOPE, envelope.seal(value, row.id(),
                            entry.getKey())));
                    resealed++;
                }
                if (!rotated.equals(stored)) {
                    dao.storeConfig(row.id(), json.write(rotated));
                    connections++;
                }
            }
            ConnectionStateDao states = handle.attach(ConnectionStateDao.class);
            int stateValues = 0;
            for (ConnectionStateDao.StateRow row : states.lockSealed()) {
                if (SecretEnvelope.keyIdOf(row.value()).filter(newest::equals).isPresent()) {
                    continue;
                }
                String value;
                try {
                    value = envelope.openState(row.value(), row.connectionId(), row.key());
                } catch (SecretUnreadableException e) {
                    throw new SecretUnreadableException("connection " + row.connectionId() + " state key '" + row.key()
                            + "': " + e.getMessage() + "; nothing was re-encrypted");
                }
                states.storeSealed(row.connectionId(), row.key(), envelope.sealState(value, row.connectionId(),
                        row.key()));
                stateValues++;
            }
            NotificationDao notifications = handle.attach(NotificationDao.class);
            int webhookSecrets = 0;
            for (NotificationDao.SealedSecret row : notifications.lockSecrets()) {
                if (SecretEnvelope.keyIdOf(row.secret()).filter(newest::equals).isPresent()) {
                    continue;
                }
                String value;
                try {
                    value = envelope.openNotificationSecret(row.secret(), row.id());
                } catch (SecretUnreadableException e) {
                    throw new SecretUnreadableException("notification " + row.id() + "'s webhook secret: "
                            + e.getMessage() + "; nothing was re-encrypted");
                }
                notifications.storeSecret(row.id(), envelope.sealNotificationSecret(value, row.id()));
                webhookSecrets++;
            }
            return new Rotated(newest, resealed, already, connections, stateValues, webhookSecrets);
        });
    }
}
