package io.inflow.server.notifications;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A webhook's signing secret as the Standard Webhooks specification writes it: {@code whsec_} and the base64 of a
 * random key (24 bytes here); the key, not its text, is what signs.
 */
public record WebhookSecret(String text) {

    static final String PREFIX = "whsec_";
    private static final int KEY_BYTES = 24;

    public static WebhookSecret generate(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** The key: the base64-decoded part after {@code whsec_} (the whole text when it lacks the prefix). */
    public byte[] key() {
        return Base64.getDecoder().decode(text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text);
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "WebhookSecret[********]";
    }
}
