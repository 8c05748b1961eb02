package io.inflow.server.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The keys that may open stored secrets, newest first: the newest seals, every one opens what it sealed. */
public final class SecretsKeyRing {

    private final List<SecretsKey> keys;
    private final Map<String, SecretsKey> byId = new LinkedHashMap<>();

    public SecretsKeyRing(List<SecretsKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a key ring needs at least one key");
        }
        this.keys = List.copyOf(keys);
        keys.forEach(key -> byId.putIfAbsent(key.id(), key));
    }

    /**
     * Keys written one per line or separated by commas, newest first; blank lines and lines starting with {@code #}
     * are skipped.
     *
     * @param source where they come from, for messages (an environment variable, a file)
     * @throws IllegalArgumentException naming the source and the position of a bad key, never a key
     */
    public static List<SecretsKey> parse(String text, String source) {
        List<SecretsKey> keys = new ArrayList<>();
        int position = 0;
        for (String line : text.split("\\R")) {
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            for (String part : line.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                position++;
                try {
                    keys.add(SecretsKey.parse(part));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("key " + position + " of " + source + ": " + e.getMessage());
                }
            }
        }
        return keys;
    }

    public SecretsKey newest() {
        return keys.get(0);
    }

    public Optional<SecretsKey> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<SecretsKey> keys() {
        return keys;
    }
}
