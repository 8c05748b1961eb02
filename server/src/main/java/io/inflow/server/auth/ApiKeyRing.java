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
     * @throws IllegalArgumentException when no key is configured, a key is too short, or two keys share a name
     */
    public static ApiKeyRing of(AuthConfiguration config) {
        List<Entry> entries = new ArrayList<>();
        for (ApiKeyConfiguration key : config.keys()) {
            entries.add(new Entry(key.name(), key.role(), ApiKeyHash.bytesOf(key.hash())));
        }
        fromEnvironment("INFLOW_ADMIN_KEY", "admin-key", Roles.ADMIN, config.adminKey()).ifPresent(entries::add);
        fromEnvironment("INFLOW_VIEWER_KEY", "viewer-key", Roles.VIEWER, config.viewerKey()).ifPresent(entries::add);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no API key is configured: set INFLOW_ADMIN_KEY, or add auth.keys to "
                    + "the configuration (java -jar inflow-server.jar generate-key prints a key and its hash)");
        }
        Set<String> names = new HashSet<>();
        for (Entry entry : entries) {
            if (!names.add(entry.name())) {
                throw new IllegalArgumentException("two API keys are named '" + entry.name() + "'");
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
            return Optional.of(new Entry(name, role, ApiKeyHash.bytesOf(trimmed)));
        }
        if (trimmed.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException(variable + " is too short: an API key needs " + MIN_KEY_LENGTH
                    + " characters at least (java -jar inflow-server.jar generate-key prints a strong one)");
        }
        return Optional.of(new Entry(name, role, ApiKeyHash.digest(trimmed)));
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
