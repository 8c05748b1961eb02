package io.inflow.plugins.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.record.RejectedRecord;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.faults.Fault;
import io.inflow.sandbox.faults.FaultProfile;
import io.inflow.sandbox.gmail.GmailOptions;
import io.inflow.testkit.ReadResult;
import io.inflow.testkit.TestHost;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Incremental reads of the messages stream through the mailbox's history. */
class HistorySyncTest {

    private static final Map<String, Object> FAST = Map.of("requestsPerSecond", 5_000);
    private static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(GmailSandbox.options().withGmailMessages(300).withGmailUnitsPerSecond(0));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private static ConnectorConfig config(Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>(FAST);
        values.putAll(extra);
        return GmailSandbox.config(sandbox, SandboxOptions.DEFAULT_TOKEN, values);
    }

    private static TestHost imported(Map<String, Object> extra) throws Exception {
        TestHost host = new TestHost(new GmailConnector(), config(extra));
        host.read("messages", Checkpoint.empty());
        return host;
    }

    @Test
    void anIncrementalReadWithoutChangesReadsOneHistoryPageAndNoMessage() throws Exception {
        TestHost host = imported(Map.of());
        int before = sandbox.gmail().requests().size();

        ReadResult incremental = host.read("messages", host.watermark("messages"));

        assertThat(incremental.total()).isZero();
        assertThat(incremental.batches()).isEqualTo(1);
        assertThat(since(before)).extracting(LoggedRequest::path)
                .containsExactly("/gmail/token", "/gmail/gmail/v1/users/me/history");
    }

    @Test
    void newMessagesArriveThroughTheHistory() throws Exception {
        TestHost host = imported(Map.of());
        List<String> delivered = sandbox.gmail().deliver(5).ids();

        ReadResult incremental = host.read("messages", host.watermark("messages"));

        assertThat(incremental.inserted()).isEqualTo(5);
        assertThat(incremental.updated()).isZero();
        assertThat(host.store().stream("messages")).containsKeys(delivered.toArray(String[]::new));
    }

    @Test
    void anExpiredHistoryIdFallsBackToAFullScanThatLeavesAUsableWatermark() throws Exception {
        TestHost host = imported(Map.of());
        sandbox.gmail().modify(5);
        sandbox.gmail().expireHistory();
        int before = sandbox.gmail().requests().size();

        ReadResult fallback = host.read("messages", host.watermark("messages"));

        long messages = sandbox.gmail().messageCount();
        assertThat(fallback.updated()).isEqualTo(5);
        assertThat(fallback.unchanged()).isEqualTo(messages - 5);
        List<LoggedRequest> calls = since(before);
        assertThat(calls.get(1).path()).endsWith("/history");
        assertThat(calls.get(1).status()).isEqualTo(404);
        assertThat(calls.get(2).path()).endsWith("/profile");

        sandbox.gmail().modify(3);
        int afterFallback = sandbox.gmail().requests().size();
        ReadResult next = host.read("messages", host.watermark("messages"));

        assertThat(next.updated()).isEqualTo(3);
        assertThat(since(afterFallback)).hasSize(5);
    }

    @Test
    void aQueryKeepsTheIncrementalReadToTheMessagesGmailFindsForIt() throws Exception {
        Map<String, Object> clients = Map.of("query", "label:clients");
        TestHost incremental = imported(clients);
        sandbox.gmail().modify(60);

        incremental.read("messages", incremental.watermark("messages"));

        TestHost fresh = imported(clients);
        assertThat(fresh.store().count("messages")).isPositive().isLessThan(sandbox.gmail().messageCount());
        assertThat(incremental.store().stream("messages")).isEqualTo(fresh.store().stream("messages"));
    }

    @Test
    void labelIdsKeepTheIncrementalReadToTheMessagesCarryingThem() throws Exception {
        Map<String, Object> starred = Map.of("labelIds", List.of("STARRED"));
        TestHost incremental = imported(starred);
        sandbox.gmail().modify(60);

        incremental.read("messages", incremental.watermark("messages"));

        TestHost fresh = imported(starred);
        assertThat(fresh.store().count("messages")).isPositive().isLessThan(sandbox.gmail().messageCount());
        assertThat(incremental.store().stream("messages")).isEqualTo(fresh.store().stream("messages"));
    }

    @Test
    void malformedMessagesBecomeRejectedRecordsWithTheirIdsAndReadWellOnceHealed() throws Exception {
        try (Sandbox faulty = Sandbox.start(GmailSandbox.options().withGmailMessages(200).withGmailUnitsPerSecond(0)
                .withFaults(FaultProfile.NONE.with(Fault.MALFORMED_RECORD, 0.05)))) {
            GmailConnector connector = new GmailConnector();
            TestHost host = new TestHost(connector, GmailSandbox.config(faulty, SandboxOptions.DEFAULT_TOKEN, FAST));

            ReadResult result = host.read("messages", Checkpoint.empty());

            List<RejectedRecord> rejected = host.store().rejected();
            assertThat(result.failed()).isPositive().isEqualTo(rejected.size());
            assertThat(result.inserted() + result.failed()).isEqualTo(200);
            assertThat(rejected).allSatisfy(record -> {
                assertThat(record.externalId()).isNotBlank();
                assertThat(record.reason()).contains("internalDate");
            });
            faulty.faults(FaultProfile.NONE);
            for (RejectedRecord record : rejected) {
                assertThat(connector.reread("messages", record.externalId(), host.context())).isPresent();
            }
        }
    }

    @Test
    void gmailsQuotaRefusalIsRetriableNotAnErrorForAPerson() {
        Clock frozen = Clock.fixed(Instant.parse("2025-06-10T08:00:00Z"), ZoneOffset.UTC);
        try (Sandbox tight = Sandbox.start(GmailSandbox.options().withClock(frozen)
                .withGmail(GmailOptions.defaults().withMessages(50).withUnitsPerSecond(6).withOverLimitStatus(403)))) {
            // the sandbox's quota never refills on a frozen clock: the client retries until a short budget is spent
            TestHost host = new TestHost(new GmailConnector(), GmailSandbox.config(tight, SandboxOptions.DEFAULT_TOKEN, FAST))
                    .withRetryBudget(Duration.ofSeconds(1));

            assertThatThrownBy(() -> host.read("messages", Checkpoint.empty()))
                    .isInstanceOf(IOException.class).hasMessageContaining("tries")
                    .hasMessageContaining("userRateLimitExceeded");
            assertThat(tight.gmail().violationCount()).as("refusals, each retried as the host retries them").isGreaterThan(1);
        }
    }

    private static List<LoggedRequest> since(int index) {
        List<LoggedRequest> all = sandbox.gmail().requests();
        return all.subList(index, all.size());
    }
}
