package io.inflow.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signing as the Standard Webhooks specification does it, checked against its own libraries' test vector. */
class WebhookSignatureTest {

    @Test
    void signsTheStandardWebhooksTestVector() {
        // the vector of standard-webhooks' reference libraries (test_sign_function)
        WebhookSecret secret = new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        String signature = WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aSignatureChangesWithTheIdTheTimestampAndTheBody() {
        WebhookSecret secret = new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        String original = WebhookSignature.sign(secret, "msg_1", 1614265330L, body);

        assertThat(WebhookSignature.sign(secret, "msg_2", 1614265330L, body)).isNotEqualTo(original);
        assertThat(WebhookSignature.sign(secret, "msg_1", 1614265331L, body)).isNotEqualTo(original);
        assertThat(WebhookSignature.sign(secret, "msg_1", 1614265330L, "{}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(original);
    }

    @Test
    void aGeneratedSecretIsWhsecAndTheBase64OfA24ByteKeyAndNeverPrintsItself() {
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());

        assertThat(secret.text()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.text().substring(6))).hasSize(24);
        assertThat(secret.key()).hasSize(24);
        assertThat(secret.toString()).doesNotContain(secret.text().substring(6));
        assertThat(WebhookSecret.generate(new SecureRandom()).text()).isNotEqualTo(secret.text());
    }
}
