package io.inflow.server.notifications;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} of the Standard Webhooks specification: {@code v1,} and the base64 of the
 * HMAC-SHA256 of {@code <webhook-id>.<webhook-timestamp>.<body>} under the secret's key.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    /**
     * @param timestamp seconds since the epoch, as sent in {@code webhook-timestamp}
     * @param body the exact bytes sent
     */
    public static String sign(WebhookSecret secret, String messageId, long timestamp, byte[] body) {
        byte[] prefix = (messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = ByteBuffer.allocate(prefix.length + body.length).put(prefix).put(body).array();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JVM", e);
        }
    }
}
