package io.inflow.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The stored form of an API key: {@code sha256:} and the hex SHA-256 of the key. A key is 32 random bytes, so a
 * fast hash is enough: there is nothing to guess that a slow one would protect.
 */
public final class ApiKeyHash {

    static final String PREFIX = "sha256:";
    static final String PATTERN = "sha256:[0-9a-fA-F]{64}";

    private ApiKeyHash() {
    }

    /** The hash of {@code key} in its stored form. */
    public static String of(String key) {
        return PREFIX + HexFormat.of().formatHex(digest(key));
    }

    static boolean isHash(String value) {
        return value.matches(PATTERN);
    }

    /** The digest bytes of a stored hash. */
    static byte[] bytesOf(String hash) {
        if (!isHash(hash)) {
            throw new IllegalArgumentException("an API key hash is sha256: and 64 hex digits");
        }
        return HexFormat.of().parseHex(hash.substring(PREFIX.length()).toLowerCase(Locale.ROOT));
    }

    static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
