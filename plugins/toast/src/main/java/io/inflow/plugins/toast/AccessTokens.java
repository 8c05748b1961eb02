package io.inflow.plugins.toast;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens by the credentials they were issued for, shared by the reads and checks of every connection that
 * uses the same client. Toast asks clients to reuse a token for its lifetime (about a day) and rate-limits
 * logins, so a token outlives the read that asked for it; this cache is the connector's only state, and it holds
 * nothing a read depends on: a token missing or refused only costs a login. Keys are digests, never the secret.
 * Thread-safe.
 */
final class AccessTokens {

    /** Renew this long before expiry, or a quarter of the token's life for short-lived ones. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    /** A token, when it was issued and when it expires, by the connector's clock. */
    record Token(String value, Instant issuedAt, Instant expiresAt) {

        boolean usableAt(Instant now) {
            Duration life = Duration.between(issuedAt, expiresAt);
            Duration margin = life.dividedBy(4).compareTo(RENEW_BEFORE) < 0 ? life.dividedBy(4) : RENEW_BEFORE;
            return now.isBefore(expiresAt.minus(margin));
        }

        /** Never the token itself. */
        @Override
        public String toString() {
            return "Token[expiresAt=" + expiresAt + "]";
        }
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    Optional<Token> usable(String key, Instant now) {
        Token token = tokens.get(key);
        return token != null && token.usableAt(now) ? Optional.of(token) : Optional.empty();
    }

    void remember(String key, Token token) {
        tokens.put(key, token);
    }

    /** Forgets {@code token} when it is still the one remembered: Toast refused it. */
    void forget(String key, String token) {
        tokens.computeIfPresent(key, (k, remembered) -> remembered.value().equals(token) ? null : remembered);
    }

    /** The cache key of a client at an API address: a digest, so the secret is not kept as a key. */
    static String key(String baseUrl, String clientId, String clientSecret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest((baseUrl + '\u0000' + clientId + '\u0000' + clientSecret)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
