package io.inflow.plugins.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ConnectorException;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.faults.Fault;
import io.inflow.sandbox.faults.FaultProfile;
import io.inflow.testkit.ReadResult;
import io.inflow.testkit.TestClock;
import io.inflow.testkit.TestHost;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GoogleAuthTest {

    private static final Map<String, Object> FAST = Map.of("requestsPerSecond", 5_000);

    private static Sandbox shared;

    @BeforeAll
    static void startSandbox() {
        shared = Sandbox.start(GmailSandbox.options().withGmailMessages(10));
    }

    @AfterAll
    static void stopSandbox() {
        shared.close();
    }

    @Test
    void theAccessTokenIsRenewedBeforeItExpiresSoALongImportNeverMeetsA401() throws Exception {
        TestClock clock = TestClock.ticking(Instant.parse("2025-06-10T08:00:00Z"), Duration.ofMillis(20));
        try (Sandbox sandbox = Sandbox.start(GmailSandbox.options().withClock(clock)
                .withGmailMessages(300).withGmailUnitsPerSecond(0).withGmailTokenLifetime(Duration.ofSeconds(4)))) {
            TestHost host = new TestHost(new GmailConnector(), GmailSandbox.config(sandbox, SandboxOptions.DEFAULT_TOKEN, FAST),
                    clock);

            ReadResult result = host.read("messages", Checkpoint.empty());

            assertThat(result.inserted()).isEqualTo(300);
            assertThat(GmailSandbox.tokenExchanges(sandbox)).as("token exchanges in a read that outlives several tokens")
                    .isGreaterThanOrEqualTo(3);
            assertThat(sandbox.gmail().requests()).extracting(LoggedRequest::status).doesNotContain(401);
        }
    }

    @Test
    void anAccessTokenThatDiesEarlyIsExchangedAgainAndTheCallRepeated() throws Exception {
        try (Sandbox sandbox = Sandbox.start(GmailSandbox.options().withGmailMessages(300)
                .withGmailUnitsPerSecond(0).withFaults(FaultProfile.NONE.with(Fault.EXPIRED_TOKEN, 0.03)))) {
            TestHost host = new TestHost(new GmailConnector(), GmailSandbox.config(sandbox, SandboxOptions.DEFAULT_TOKEN, FAST));

            ReadResult result = host.fullImport();

            long killed = sandbox.gmail().faultCount(Fault.EXPIRED_TOKEN);
            assertThat(killed).isPositive();
            assertThat(result.inserted()).isEqualTo(322);
            assertThat(host.store().count("messages")).isEqualTo(300);
            assertThat(GmailSandbox.tokenExchanges(sandbox)).isEqualTo(2 + killed);
        }
    }

    @Test
    void aRevokedRefreshTokenFailsAtOnceSayingWhatToRenew() {
        String revoked = "1//0gRevokedRefreshTokenValue";
        TestHost host = new TestHost(new GmailConnector(), GmailSandbox.config(shared, revoked, FAST));

        assertThatThrownBy(host::check).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("invalid_grant").hasMessageContaining("refreshToken")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(revoked));
        assertThat(host.http().requests()).as("no retry of a refused grant").isEqualTo(1);
    }

    @Test
    void aWrongClientSecretSaysToCheckTheOauthClient() {
        Map<String, Object> wrongSecret = new HashMap<>(FAST);
        wrongSecret.put("clientSecret", "not-the-secret");
        ConnectorConfig config = GmailSandbox.config(shared, SandboxOptions.DEFAULT_TOKEN, wrongSecret);

        assertThatThrownBy(() -> new TestHost(new GmailConnector(), config).check())
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("invalid_client").hasMessageContaining("clientId and clientSecret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-secret"));
    }

    @Test
    void aUserIdOtherThanTheTokensOwnerIsRefusedWithAClearMessage() {
        Map<String, Object> otherUser = new HashMap<>(FAST);
        otherUser.put("userId", "someone.else@example.com");
        ConnectorConfig config = GmailSandbox.config(shared, SandboxOptions.DEFAULT_TOKEN, otherUser);

        assertThatThrownBy(() -> new TestHost(new GmailConnector(), config).check())
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("Delegation denied").hasMessageContaining("userId");
    }
}
