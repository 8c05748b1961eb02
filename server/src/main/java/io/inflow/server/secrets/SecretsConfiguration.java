package io.inflow.server.secrets;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code secrets} in {@code config.yml}: the keys that encrypt secrets at rest. Both may be left empty with the
 * embedded database: the server then keeps a key in {@code $INFLOW_DATA_DIR/secrets.key}, created on first start.
 */
public class SecretsConfiguration {

    /** Base64 keys of 32 bytes, newest first, separated by commas ({@code INFLOW_SECRETS_KEY}). */
    @JsonProperty
    private String keys = "";

    /** A file holding keys, one per line, newest first ({@code INFLOW_SECRETS_KEY_FILE}). */
    @JsonProperty
    private String keyFile = "";

    public String keys() {
        return keys == null ? "" : keys;
    }

    public Optional<Path> keyFile() {
        return keyFile == null || keyFile.isBlank() ? Optional.empty() : Optional.of(Path.of(keyFile));
    }

    public SecretsConfiguration withKeys(String newKeys) {
        SecretsConfiguration copy = new SecretsConfiguration();
        copy.keys = newKeys;
        copy.keyFile = keyFile;
        return copy;
    }
}
