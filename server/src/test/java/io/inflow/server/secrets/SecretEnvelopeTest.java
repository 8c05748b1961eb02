package io.inflow.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretEnvelopeTest {

    private static final SecretsKey OLD = SecretsKey.parse(SecretsKeys.newKey(new SecureRandom()));
    private static final SecretsKey NEW = SecretsKey.parse(SecretsKeys.newKey(new SecureRandom()));
    private static final String TOKEN = "patSandboxToken.0123456789abcdef";

    private final SecretEnvelope envelope = new SecretEnvelope(new SecretsKeyRing(List.of(NEW, OLD)));

    @Test
    void aSealedValueOpensForItsConnectionAndFieldAndHoldsNoTraceOfTheValue() throws Exception {
        String sealed = envelope.seal(TOKEN, 7, "apiToken");

        assertThat(sealed).startsWith("v1:" + NEW.id() + ":").doesNotContain(TOKEN)
                .doesNotContain(Base64.getEncoder().encodeToString(TOKEN.getBytes()));
        assertThat(envelope.open(sealed, 7, "apiToken")).isEqualTo(TOKEN);
    }

    @Test
    void eachSealingUsesAFreshNonce() {
        assertThat(envelope.seal(TOKEN, 7, "apiToken")).isNotEqualTo(envelope.seal(TOKEN, 7, "apiToken"));
    }

    @Test
    void aValueSealedForOneConnectionOrFieldDoesNotOpenForAnother() {
        String sealed = envelope.seal(TOKEN, 7, "apiToken");

        assertThatThrownBy(() -> envelope.open(sealed, 8, "apiToken")).isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("another connection or field");
        assertThatThrownBy(() -> envelope.open(sealed, 7, "clientSecret"))
                .isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void aTamperedCiphertextDoesNotOpen() {
        String sealed = envelope.seal(TOKEN, 7, "apiToken");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1));
        bytes[bytes.length - 20] ^= 1;
        String tampered = sealed.substring(0, sealed.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> envelope.open(tampered, 7, "apiToken")).isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("does not authenticate");
    }

    @Test
    void anOlderKeyStillOpensWhatItSealedAndAMissingKeyIsNamed() throws Exception {
        String sealedWithOld = new SecretEnvelope(new SecretsKeyRing(List.of(OLD))).seal(TOKEN, 7, "apiToken");

        assertThat(envelope.open(sealedWithOld, 7, "apiToken")).isEqualTo(TOKEN);
        SecretEnvelope newOnly = new SecretEnvelope(new SecretsKeyRing(List.of(NEW)));
        assertThatThrownBy(() -> newOnly.open(sealedWithOld, 7, "apiToken"))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("sealed with key " + OLD.id() + ", which is not configured")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void anUnknownVersionOrAMalformedEnvelopeIsSaidSo() {
        String sealed = envelope.seal(TOKEN, 7, "apiToken");

        assertThatThrownBy(() -> envelope.open("v2" + sealed.substring(2), 7, "apiToken"))
                .isInstanceOf(SecretUnreadableException.class).hasMessageContaining("version v2 is unknown");
        assertThatThrownBy(() -> envelope.open("not an envelope", 7, "apiToken"))
                .isInstanceOf(SecretUnreadableException.class).hasMessageContaining("not an Inflow secret envelope");
        assertThatThrownBy(() -> envelope.open("v1:" + NEW.id() + ":%%%", 7, "apiToken"))
                .isInstanceOf(SecretUnreadableException.class).hasMessageContaining("not base64");
    }

    @Test
    void keysMustBeThirtyTwoBytesOfBase64AndAreNeverEchoed() {
        assertThatThrownBy(() -> SecretsKey.parse("c2hvcnQ=")).hasMessageContaining("holds 5 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> SecretsKeyRing.parse(NEW.id() + ",not base64!", "INFLOW_SECRETS_KEY"))
                .hasMessageContaining("key 1 of INFLOW_SECRETS_KEY");
        assertThat(SecretsKey.parse(SecretsKeys.newKey(new SecureRandom())).toString()).doesNotContain("=");
    }
}
