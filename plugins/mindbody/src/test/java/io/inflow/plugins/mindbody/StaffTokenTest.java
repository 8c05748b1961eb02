package io.inflow.plugins.mindbody;

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
import io.inflow.sandbox.mindbody.MindbodyApi;
import io.inflow.sandbox.mindbody.MindbodyOptions;
import io.inflow.sandbox.mindbody.StudioFigures;
import io.inflow.testkit.RecordingReadContext;
import io.inflow.testkit.ReadResult;
import io.inflow.testkit.TestClock;
import io.inflow.testkit.TestHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing in as a staff user: one token per connection, kept in its state across reads and imports, renewed before
 * it expires, replaced when Mindbody refuses it mid-import, and credentials that do not work explained without a
 * secret.
 */
class StaffTokenTest {

    private static final Duration LIFETIME = Duration.ofMinutes(10);

    /** Only ever moves forward, so the tests can share it and the sandbox. */
    private static final TestClock clock = TestClock.at("2025-12-01T09:00:00Z");
    private static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock)
                .withMindbody(MindbodyOptions.defaults().withRequestsPerSecond(0).withTokenLifetime(LIFETIME)));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private void start(FaultProfile faults) {
        sandbox.reset();
        sandbox.faults(faults);
    }

    private ConnectorConfig config(Map<String, Object> overrides) {
        return MindbodyContractTest.config(sandbox, MindbodyApi.PASSWORD, overrides);
    }

    /** Reads every client, on a host of its own whose connector reads {@code connectorClock}. */
    private static RecordingReadContext readClients(ConnectorConfig config, TestClock connectorClock,
                                                    UnaryOperator<RecordingReadContext> setUp) throws Exception {
        TestHost host = new TestHost(new MindbodyConnector(), config, connectorClock);
        return host.read(setUp.apply(host.readContext("clients", Checkpoint.empty())));
    }

    /** One month of classes, visits and sales: enough for every stream, fast. */
    private ConnectorConfig oneMonth() {
        return config(Map.of("startDate", MindbodyContractTest.FROM.toString(),
                "endDate", MindbodyContractTest.TO.toString()));
    }

    private List<LoggedRequest> tokenRequests() {
        return sandbox.mindbody().requests().stream().filter(r -> r.path().endsWith("/usertoken/issue")).toList();
    }

    @Test
    void aReadSignsInOnceAndEveryCallCarriesTheToken() throws Exception {
        start(FaultProfile.NONE);
        RecordingReadContext context = readClients(config(Map.of()), clock, read -> read);

        assertThat(context.records()).hasSize(StudioFigures.CLIENTS);
        assertThat(tokenRequests()).hasSize(1);
        assertThat(sandbox.mindbody().requests().get(0).path()).endsWith("/usertoken/issue");
        assertThat(sandbox.mindbody().requests()).allSatisfy(request -> assertThat(request.status()).isEqualTo(200));
        assertThat(tokenRequests().get(0).body().get("Password").asText()).isEqualTo("***");
    }

    @Test
    void aTokenAboutToExpireIsRenewedBeforeTheNextCall() throws Exception {
        start(FaultProfile.NONE);
        // renewal is due a fifth of the lifetime before expiry: 8 minutes in
        RecordingReadContext context = readClients(config(Map.of()), clock,
                read -> read.afterCommit(3, () -> clock.advance(Duration.ofMinutes(8))));

        assertThat(context.records()).hasSize(StudioFigures.CLIENTS);
        assertThat(tokenRequests()).hasSize(2);
        assertThat(sandbox.mindbody().requests()).noneSatisfy(request -> assertThat(request.status()).isEqualTo(401));
    }

    @Test
    void aTokenThatExpiredMidImportIsReplacedAndTheRefusedPageReadAgain() throws Exception {
        start(FaultProfile.NONE);
        // the connector's clock stands still, so it cannot see expiry coming: Mindbody's 401 tells it
        RecordingReadContext context = readClients(config(Map.of()), new TestClock(clock.instant()),
                read -> read.afterCommit(3, () -> clock.advance(LIFETIME)));

        List<LoggedRequest> pages = sandbox.mindbody().requests().stream()
                .filter(r -> r.path().endsWith("/client/clients")).toList();
        assertThat(pages).extracting(LoggedRequest::status).containsOnly(200, 401);
        LoggedRequest refused = pages.stream().filter(r -> r.status() == 401).findFirst().orElseThrow();
        assertThat(refused.param("request.offset")).contains("600");
        assertThat(pages.get(pages.indexOf(refused) + 1).param("request.offset")).contains("600");
        assertThat(pages.get(pages.indexOf(refused) + 1).status()).isEqualTo(200);
        assertThat(tokenRequests()).hasSize(2);
        assertThat(context.commitsById()).hasSize(StudioFigures.CLIENTS).allSatisfy((id, commits) -> assertThat(commits).isOne());
    }

    @Test
    void tokensThatMindbodyKeepsExpiringAreReplacedEachTime() throws Exception {
        // a sandbox of its own: its faults depend only on the seed and this test's requests
        try (Sandbox own = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock)
                .withFaults(FaultProfile.NONE.with(Fault.EXPIRED_TOKEN, 0.1))
                .withMindbody(MindbodyOptions.defaults().withRequestsPerSecond(0).withTokenLifetime(LIFETIME)))) {
            RecordingReadContext context = readClients(MindbodyContractTest.config(own, MindbodyApi.PASSWORD, Map.of()),
                    clock, read -> read);

            long expired = own.mindbody().faultCount(Fault.EXPIRED_TOKEN);
            assertThat(expired).isPositive();
            assertThat(own.mindbody().requests()).filteredOn(r -> r.path().endsWith("/usertoken/issue"))
                    .hasSize(1 + (int) expired);
            assertThat(context.commitsById()).hasSize(StudioFigures.CLIENTS)
                    .allSatisfy((id, commits) -> assertThat(commits).isOne());
        }
    }

    @Test
    void aWrongPasswordFailsTheCheckWithWhatToCheckAndNoSecret() {
        start(FaultProfile.NONE);
        ConnectorConfig config = MindbodyContractTest.config(sandbox, "not-the-password", Map.of());
        TestHost host = new TestHost(new MindbodyConnector(), config, clock);

        assertThatThrownBy(host::check).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("Staff identity authentication failed")
                .hasMessageContaining("'username' and 'password'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-password", SandboxOptions.DEFAULT_TOKEN));
        assertThat(host.http().requests()).isOne();
    }

    @Test
    void aWrongApiKeyFailsTheReadAtSignIn() {
        start(FaultProfile.NONE);
        ConnectorConfig config = config(Map.of("apiKey", "someone-elses-key"));
        TestHost host = new TestHost(new MindbodyConnector(), config, clock);

        assertThatThrownBy(() -> host.read("sales", Checkpoint.empty())).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("Invalid API key").hasMessageContaining("'apiKey'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("someone-elses-key"));
        assertThat(host.http().requests()).isOne();
    }

    @Test
    void anUnknownSiteIsNamedInTheMessage() {
        start(FaultProfile.NONE);
        TestHost host = new TestHost(new MindbodyConnector(), config(Map.of("siteId", 123456)), clock);

        assertThatThrownBy(host::check).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("site 123456").hasMessageContaining("'siteId'");
    }

    @Test
    void aCheckSignsInAndReadsOneClient() throws Exception {
        start(FaultProfile.NONE);
        TestHost host = new TestHost(new MindbodyConnector(), config(Map.of()), clock);

        host.check();

        assertThat(sandbox.mindbody().requests()).extracting(LoggedRequest::path)
                .containsExactly("/mindbody/public/v6/usertoken/issue", "/mindbody/public/v6/client/clients");
        assertThat(sandbox.mindbody().requests().get(1).param("request.limit")).contains("1");
    }

    /** The token the connection's state keeps. */
    private static io.inflow.plugins.mindbody.MindbodyApi.StoredToken kept(TestHost host) {
        return io.inflow.plugins.mindbody.MindbodyApi.StoredToken.parse(
                host.state().get("staffToken").orElseThrow());
    }

    @Test
    void aFullImportOfEveryStreamThenAnIncrementalOneIssueOneTokenInAll() throws Exception {
        start(FaultProfile.NONE);
        TestHost host = new TestHost(new MindbodyConnector(), oneMonth(), clock);

        host.fullImport();
        clock.advance(Duration.ofMinutes(1));
        host.incrementalImport();

        assertThat(tokenRequests()).hasSize(1);
        assertThat(sandbox.mindbody().requests()).allSatisfy(request -> assertThat(request.status()).isEqualTo(200));
        assertThat(sandbox.mindbody().requests().stream().map(LoggedRequest::path).distinct())
                .as("every stream was read").hasSize(5);
        assertThat(kept(host).expires()).isEqualTo(kept(host).issuedAt().plus(LIFETIME));
        assertThat(host.state().asMap()).containsOnlyKeys("staffToken");
        assertThat(host.state().asMap().get("staffToken")).doesNotContain(MindbodyApi.PASSWORD);
    }

    @Test
    void aKeptTokenNearItsExpiryIsNotUsedAndTheNewOneIsKeptInstead() throws Exception {
        start(FaultProfile.NONE);
        TestHost host = new TestHost(new MindbodyConnector(), oneMonth(), clock);
        host.read("classes", Checkpoint.empty());
        String first = kept(host).token();

        // renewal is due a fifth of the lifetime before expiry: 8 minutes in
        clock.advance(Duration.ofMinutes(8));
        host.read("sales", Checkpoint.empty());

        assertThat(tokenRequests()).hasSize(2);
        assertThat(sandbox.mindbody().requests()).noneSatisfy(request -> assertThat(request.status()).isEqualTo(401));
        assertThat(kept(host).token()).isNotEqualTo(first);
        assertThat(kept(host).issuedAt()).isEqualTo(clock.instant());
    }

    @Test
    void aKeptTokenMindbodyRefusesIsForgottenAndReplacedOnceAndTheReadSucceeds() throws Exception {
        start(FaultProfile.NONE);
        // the connector's clock stands still, so it cannot see expiry coming: Mindbody's 401 tells it
        TestHost host = new TestHost(new MindbodyConnector(), oneMonth(), new TestClock(clock.instant()));
        host.read("classes", Checkpoint.empty());
        String first = kept(host).token();
        clock.advance(LIFETIME);

        ReadResult sales = host.read("sales", Checkpoint.empty());

        assertThat(sales.inserted()).isEqualTo(sandbox.mindbody().streams(MindbodyContractTest.FROM,
                MindbodyContractTest.TO).get("sales"));
        assertThat(tokenRequests()).hasSize(2);
        List<LoggedRequest> refused = sandbox.mindbody().requests().stream().filter(r -> r.status() == 401).toList();
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).path()).endsWith("/sale/sales");
        assertThat(kept(host).token()).isNotEqualTo(first);
    }

    @Test
    void aKeptTokenIssuedForAnotherUserSiteOrKeyIsNotUsed() throws Exception {
        start(FaultProfile.NONE);
        TestHost host = new TestHost(new MindbodyConnector(), oneMonth(), clock);
        host.read("classes", Checkpoint.empty());
        io.inflow.plugins.mindbody.MindbodyApi.StoredToken stored = kept(host);
        host.state().put("staffToken", new io.inflow.plugins.mindbody.MindbodyApi.StoredToken(stored.token(),
                stored.issuedAt(), stored.expires(), "issued-for-another-configuration").toJson());

        host.read("classes", Checkpoint.empty());

        assertThat(tokenRequests()).hasSize(2);
        assertThat(kept(host).token()).isNotEqualTo(stored.token());
        assertThat(kept(host).issuedFor()).isEqualTo(stored.issuedFor());
    }

    @Test
    void aCheckIssuesAFreshTokenEvenWithOneKeptAndTheNextImportUsesIt() throws Exception {
        start(FaultProfile.NONE);
        TestHost host = new TestHost(new MindbodyConnector(), oneMonth(), clock);
        host.read("classes", Checkpoint.empty());
        String first = kept(host).token();

        host.check();
        host.read("clients", Checkpoint.empty());

        assertThat(tokenRequests()).hasSize(2);
        assertThat(kept(host).token()).isNotEqualTo(first);
        List<LoggedRequest> clientPages = sandbox.mindbody().requests().stream()
                .filter(r -> r.path().endsWith("/client/clients")).toList();
        assertThat(clientPages).allSatisfy(request -> assertThat(request.status()).isEqualTo(200));
    }
}
