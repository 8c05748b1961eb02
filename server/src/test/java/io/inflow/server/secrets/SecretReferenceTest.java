package io.inflow.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretReferenceTest {

    @TempDir
    Path dir;

    @Test
    void envAndFileReferencesAreRecognisedAndOtherValuesAreNot() {
        assertThat(SecretReference.of("${env:AIRTABLE_TOKEN}")).contains(new SecretReference("env", "AIRTABLE_TOKEN"));
        assertThat(SecretReference.of("${file:/run/secrets/toast}")).contains(new SecretReference("file",
                "/run/secrets/toast"));
        assertThat(SecretReference.of("patToken")).isEmpty();
        assertThat(SecretReference.of("${vault:x}")).isEmpty();
        assertThat(SecretReference.of(42)).isEmpty();
    }

    @Test
    void aReferenceResolvesToTheVariableOrTheFileWithoutItsLineBreak() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "from-a-file\n");

        assertThat(new SecretReference("env", "TOKEN").resolve(Map.of("TOKEN", "from-env")::get)).isEqualTo("from-env");
        assertThat(SecretReference.of("${file:" + file + "}").orElseThrow().resolve(name -> null))
                .isEqualTo("from-a-file");
    }

    @Test
    void aReferenceToNothingNamesItselfAndWhatIsMissing() {
        assertThatThrownBy(() -> new SecretReference("env", "MISSING").resolve(name -> null))
                .isInstanceOf(SecretUnresolvedException.class)
                .hasMessage("${env:MISSING}: the environment variable MISSING is not set");
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> new SecretReference("file", missing.toString()).resolve(name -> null))
                .isInstanceOf(SecretUnresolvedException.class)
                .hasMessageContaining("the file " + missing + " cannot be read");
    }
}
