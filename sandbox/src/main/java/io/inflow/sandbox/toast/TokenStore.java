package io.inflow.sandbox.toast;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The access tokens the fake has issued. As Toast does: a login while the latest token has more than a minute
 * left answers that same token; a new one is issued only in its last minute or after it expired. An expired or
 * revoked token is refused. Tokens look like JWTs and are drawn from the seed and the issue count.
 */
final class TokenStore {

    static final Duration RENEWAL_WINDOW = Duration.ofMinutes(1);

    /** A token and when it expires, in epoch milliseconds. */
    record Issued(String accessToken, long expiresAt) {}

    private final long seed;
    private final Clock clock;
    private final Map<String, Long> live = new LinkedHashMap<>();
    private Issued latest;
    private long issued;
    private volatile Duration lifetime;

    TokenStore(long seed, Clock clock, Duration lifetime) {
        this.seed = seed;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    void lifetime(Duration changed) {
        this.lifetime = changed;
    }

    Duration lifetime() {
        return lifetime;
    }

    synchronized Issued login(String clientId) {
        long now = clock.millis();
        if (latest != null && live.containsKey(latest.accessToken())
                && latest.expiresAt() - now > RENEWAL_WINDOW.toMillis()) {
            return latest;
        }
        live.values().removeIf(expiresAt -> expiresAt <= now);
        issued++;
        long expiresAt = now + lifetime.toMillis();
        latest = new Issued(token(clientId, now, expiresAt), expiresAt);
        live.put(latest.accessToken(), expiresAt);
        return latest;
    }

    synchronized boolean isValid(String token) {
        Long expiresAt = live.get(token);
        return expiresAt != null && clock.millis() < expiresAt;
    }

    /** The token stops working at once, as if it had expired. */
    synchronized void revoke(String token) {
        live.remove(token);
    }

    synchronized void revokeAll() {
        live.clear();
    }

    private String token(String clientId, long now, long expiresAt) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = "{\"iss\":\"https://toast-sandbox\",\"sub\":\"" + clientId + "\",\"aud\":\"toast-api\",\"iat\":"
                + now / 1000 + ",\"exp\":" + expiresAt / 1000 + ",\"jti\":" + issued + "}";
        String payload = base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + base64.encodeToString(signature(header + "." + payload));
    }

    private byte[] signature(String content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
            return digest.digest(content.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
