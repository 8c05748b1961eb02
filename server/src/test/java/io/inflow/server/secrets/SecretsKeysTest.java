package io.inflow.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsKeysTest {

    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedDatabaseWithoutAKeyGetsAKeyFileBesideItsFolderReadableByItsOwnerOnly() throws Exception {
        SecretsKeyRing first = SecretsKeys.load(new SecretsConfiguration(), true, dataDir);
        SecretsKeyRing again = SecretsKeys.load(new SecretsConfiguration(), true, dataDir);

        Path file = dataDir.resolve("secrets.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(again.newest().id()).isEqualTo(first.newest().id());
        assertThat(first.keys()).hasSize(1);
    }

    @Test
    void anExternalDatabaseWithoutAKeyIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> SecretsKeys.load(new SecretsConfiguration(), false, dataDir))
                .isInstanceOf(SecretsKeyMissingException.class)
                .hasMessageContaining("INFLOW_SECRETS_KEY").hasMessageContaining("generate-secrets-key");
        assertThat(dataDir.resolve("secrets.key")).doesNotExist();
    }

    @Test
    void configuredKeysComeNewestFirstAndAreUsedInsteadOfTheFile() {
        String newest = SecretsKeys.newKey(new SecureRandom());
        String older = SecretsKeys.newKey(new SecureRandom());

        SecretsKeyRing keys = SecretsKeys.load(new SecretsConfiguration().withKeys(newest + "," + older), true, dataDir);

        assertThat(keys.keys()).extracting(SecretsKey::id)
                .containsExactly(SecretsKey.parse(newest).id(), SecretsKey.parse(older).id());
        assertThat(dataDir.resolve("secrets.key")).doesNotExist();
    }

    @Test
    void aBadKeyIsNamedByItsPlaceNotItsValue() {
        assertThatThrownBy(() -> SecretsKeys.load(new SecretsConfiguration().withKeys("c2hvcnQ="), false, dataDir))
                .isInstanceOf(SecretsKeyMissingException.class)
                .hasMessage("key 1 of INFLOW_SECRETS_KEY (secrets.keys): a secrets key is 32 bytes in base64; this one "
                        + "holds 5 bytes");
    }
}
