package io.inflow.server.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals one secret value with AES-256-GCM (the JDK's {@code javax.crypto}): a fresh 96-bit nonce per value, a
 * 128-bit tag, and the connection's id and the field's name bound as associated data, so a ciphertext copied to
 * another connection or field does not open. The envelope is text, versioned and naming its key:
 * {@code v1:<key id>:<base64 of nonce and ciphertext>}.
 */
public final class SecretEnvelope {

    static final String VERSION = "v1";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretsKeyRing keys;
    private final SecureRandom random;

    public SecretEnvelope(SecretsKeyRing keys, SecureRandom random) {
        this.keys = keys;
        this.random = random;
    }

    public SecretEnvelope(SecretsKeyRing keys) {
        this(keys, new SecureRandom());
    }

    /** Seals {@code value} of {@code field} of connection {@code connectionId} with the newest key. */
    public String seal(String value, long connectionId, String field) {
        return seal(value, associatedData(connectionId, "field", field));
    }

    /** Seals {@code value} under {@code key} of the state of connection {@code connectionId} with the newest key. */
    public String sealState(String value, long connectionId, String key) {
        return seal(value, associatedData(connectionId, "state", key));
    }

    /** Seals the webhook secret of notification subscription {@code notificationId} with the newest key. */
    public String sealNotificationSecret(String value, long notificationId) {
        return seal(value, notificationData(notificationId));
    }

    /** Opens the webhook secret of notification subscription {@code notificationId}. */
    public String openNotificationSecret(String envelope, long notificationId) throws SecretUnreadableException {
        return open(envelope, notificationData(notificationId), "notification");
    }

    private String seal(String value, byte[] associatedData) {
        SecretsKey key = keys.newest();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return VERSION + ":" + key.id() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JVM", e);
        }
    }

    /**
     * Opens an envelope sealed for this connection's field.
     *
     * @throws SecretUnreadableException saying why (unknown version, a key not configured, a ciphertext changed
     *                                   or sealed for another connection or field), never with any secret
     */
    public String open(String envelope, long connectionId, String field) throws SecretUnreadableException {
        return open(envelope, associatedData(connectionId, "field", field), "field");
    }

    /** Opens an envelope sealed for this key of this connection's state. */
    public String openState(String envelope, long connectionId, String key) throws SecretUnreadableException {
        return open(envelope, associatedData(connectionId, "state", key), "state key");
    }

    private String open(String envelope, byte[] associatedData, String what) throws SecretUnreadableException {
        String[] parts = envelope.split(":", 3);
        if (parts.length != 3 || !parts[0].startsWith("v")) {
            throw new SecretUnreadableException("it is not an Inflow secret envelope");
        }
        if (!parts[0].equals(VERSION)) {
            throw new SecretUnreadableException("its envelope version " + parts[0] + " is unknown to this server"
                    + " (it knows " + VERSION + ")");
        }
        SecretsKey key = keys.find(parts[1]).orElseThrow(() -> new SecretUnreadableException(
                "it was sealed with key " + parts[1] + ", which is not configured (configured: "
                        + keys.keys().stream().map(SecretsKey::id).toList() + ")"));
        byte[] in;
        try {
            in = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new SecretUnreadableException("its ciphertext is not base64");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnreadableException("its ciphertext is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretUnreadableException("its ciphertext does not authenticate with key " + key.id()
                    + ": it was changed, or sealed for another connection or " + what);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JVM", e);
        }
    }

    /** The id of the key that sealed an envelope, or empty when it is not one this version reads. */
    public static java.util.Optional<String> keyIdOf(String envelope) {
        String[] parts = envelope.split(":", 3);
        return parts.length == 3 && parts[0].equals(VERSION) ? java.util.Optional.of(parts[1])
                : java.util.Optional.empty();
    }

    /** A notification subscription's webhook secret is bound to the subscription. */
    private static byte[] notificationData(long notificationId) {
        return ("inflow-secret:" + VERSION + ":notification:" + notificationId + ":secret")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** What a value is bound to: its connection, and a field of its configuration or a key of its state. */
    private static byte[] associatedData(long connectionId, String kind, String name) {
        return ("inflow-secret:" + VERSION + ":connection:" + connectionId + ":" + kind + ":" + name)
                .getBytes(StandardCharsets.UTF_8);
    }
}
