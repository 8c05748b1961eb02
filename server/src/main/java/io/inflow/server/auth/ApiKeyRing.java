package io.inflow.server.auth;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys the server accepts, by hash. A presented key is hashed and compared with every configured hash in
 * constant time, without stopping at a match, so the answer's timing tells nothing about which bytes matched.
 */
public final class ApiKeyRing {

    static final int MIN_KEY_LENGTH = 20;

    private record Entry(String name, String role, byte[] hash) {
    }

    private final List<Entry> entries;

    private ApiKeyRing(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * The keys of {@code config}: its {@code keys}, then {@code adminKey} and {@code viewerKey} (each a key or a
     * hash, from {@code INFLOW_ADMIN_KEY} / {@code INFLOW_VIEWER_KEY}).
     *
     * @throws ApiKeyConfigurationException when no key is configured, a key is too short or its hash malformed, or two
     *                                      keys share a name
     */
    public static ApiKeyRing of(AuthConfiguration config) {
        List<Entry> entries = new ArrayList<>();
        for (ApiKeyConfiguration key : config.keys()) {
            entries.add(new Entry(key.name(), key.role(), hashOf("auth.keys '" + key.name() + "'", key.hash())));
        }
        fromEnvironment("INFLOW_ADMIN_KEY", "admin-key", Roles.ADMIN, config.adminKey()).ifPresent(entries::add);
        fromEnvironment("INFLOW_VIEWER_KEY", "viewer-key", Roles.VIEWER, config.viewerKey()).ifPresent(entries::add);
        if (entries.isEmpty()) {
            throw new ApiKeyConfigurationException("no API key is configured: set INFLOW_ADMIN_KEY, or add auth.keys to "
                    + "the configuration (java -jar inflow-server.jar generate-key prints a key and its hash)");
        }
        Set<String> names = new HashSet<>();
        for (Entry entry : entries) {
            if (!names.add(entry.name())) {
                throw new ApiKeyConfigurationException("two API keys are named '" + entry.name() + "'");
            }
        }
        return new ApiKeyRing(entries);
    }

    private static Optional<Entry> fromEnvironment(String variable, String name, String role, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (ApiKeyHash.isHash(trimmed)) {
            return Optional.of(new Entry(name, role, hashOf(variable, trimmed)));
        }
        if (trimmed.length() < MIN_KEY_LENGTH) {
            throw new ApiKeyConfigurationException(variable + " is too short: an API key needs " + MIN_KEY_LENGTH
                    + " characters at least (java -jar inflow-server.jar generate-key prints a strong one)");
        }
        return Optional.of(new Entry(name, role, ApiKeyHash.digest(trimmed)));
    }

    private static byte[] hashOf(String where, String hash) {
        try {
            return ApiKeyHash.bytesOf(hash);
        } catch (IllegalArgumentException e) {
            throw new ApiKeyConfigurationException(where + ": " + e.getMessage());
        }
    }

    /** The key's principal when {@code presented} is one of the configured keys. */
    public Optional<ApiKeyPrincipal> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = ApiKeyHash.digest(presented);
        Entry match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), digest)) {
                match = entry;
            }
        }
        return Optional.ofNullable(match).map(entry -> new ApiKeyPrincipal(entry.name(), entry.role()));
    }

    public int size() {
        return entries.size();
    }
}
