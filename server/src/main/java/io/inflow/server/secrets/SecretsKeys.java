package io.inflow.server.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the keys that encrypt secrets at rest: {@code secrets.keys} ({@code INFLOW_SECRETS_KEY}) and
 * {@code secrets.keyFile}; with neither, and the embedded database, {@code <dataDir>/secrets.key}, created (mode
 * 0600) on first start, beside the PostgreSQL folder and not inside it, so a dump or a copy of the database does not
 * carry it. With an external database and no key the server refuses to start.
 */
public final class SecretsKeys {

    public static final String FILE_NAME = "secrets.key";
    private static final Logger LOG = LoggerFactory.getLogger(SecretsKeys.class);

    private SecretsKeys() {
    }

    /**
     * @param embedded whether the database is the embedded one, whose data folder can keep a key
     * @throws SecretsKeyMissingException with a message an operator can act on
     */
    public static SecretsKeyRing load(SecretsConfiguration config, boolean embedded, Path dataDir) {
        List<SecretsKey> keys = new ArrayList<>();
        if (!config.keys().isBlank()) {
            keys.addAll(parse(config.keys(), "INFLOW_SECRETS_KEY (secrets.keys)"));
        }
        if (config.keyFile().isPresent()) {
            keys.addAll(parse(read(config.keyFile().get()), "secrets.keyFile " + config.keyFile().get()));
        }
        if (!keys.isEmpty()) {
            return new SecretsKeyRing(keys);
        }
        if (!embedded) {
            throw new SecretsKeyMissingException("No secrets key: with an external database (database.url) the "
                    + "server needs the key that encrypts connection secrets. Set INFLOW_SECRETS_KEY (or "
                    + "secrets.keyFile); java -jar inflow-server.jar generate-secrets-key prints a new one. Keep it "
                    + "apart from the database's backups.");
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            create(file);
        }
        return new SecretsKeyRing(parse(read(file), file.toString()));
    }

    /** A new key, as {@code generate-secrets-key} prints it. */
    public static String newKey(SecureRandom random) {
        byte[] bytes = new byte[SecretsKey.BYTES];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static List<SecretsKey> parse(String text, String source) {
        try {
            List<SecretsKey> keys = SecretsKeyRing.parse(text, source);
            if (keys.isEmpty()) {
                throw new SecretsKeyMissingException(source + " holds no key");
            }
            return keys;
        } catch (IllegalArgumentException e) {
            throw new SecretsKeyMissingException(e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SecretsKeyMissingException("The secrets key file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static void create(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, "# Inflow's key for connection secrets (AES-256, base64), newest first. Back it up"
                    + " apart from the database:\n# without it the stored secrets cannot be read.\n"
                    + newKey(new SecureRandom()) + "\n", StandardCharsets.US_ASCII);
            LOG.warn("Created the secrets key {} (mode 0600): it encrypts every connection's secrets in the database."
                    + " Back it up apart from the database; without it the stored secrets cannot be read.",
                    file.toAbsolutePath());
        } catch (FileAlreadyExistsException e) {
            LOG.info("Another process created {} first; using it", file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the secrets key file " + file, e);
        }
    }
}
