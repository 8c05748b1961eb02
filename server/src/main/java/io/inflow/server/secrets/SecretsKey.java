package io.inflow.server.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key that encrypts secrets at rest, and its id: the first 8 hex digits of a SHA-256 of the key, so an
 * envelope names the key that sealed it without the key ever being stored beside it.
 */
public record SecretsKey(String id, SecretKey key) {

    static final int BYTES = 32;

    /**
     * Parses a key as {@code generate-secrets-key} prints it: 32 bytes in base64 (standard or URL-safe).
     *
     * @throws IllegalArgumentException naming what is wrong, never the key
     */
    public static SecretsKey parse(String base64) {
        String trimmed = base64.trim();
        byte[] bytes;
        try {
            bytes = trimmed.contains("-") || trimmed.contains("_")
                    ? Base64.getUrlDecoder().decode(trimmed) : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a secrets key is 32 bytes in base64; this one is not base64");
        }
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a secrets key is 32 bytes in base64; this one holds " + bytes.length
                    + " bytes");
        }
        return new SecretsKey(idOf(bytes), new SecretKeySpec(bytes, "AES"));
    }

    private static String idOf(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("inflow-secrets-key-id:".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha256.digest(key), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "SecretsKey[" + id + "]";
    }
}
