package io.inflow.plugins.gmail;

import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.testkit.ConnectorContractTest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Gmail connector against the sandbox's Gmail: a mailbox of 600 messages and Gmail's quota raised to 20,000
 * units a second (the connection asks for 2,000 requests a second, 10,000 units at most), so the contract runs
 * fast and still proves that the declared rate keeps under the quota. The reads interrupted at every page read a
 * second mailbox of 150 messages, two pages.
 */
class GmailContractTest extends ConnectorContractTest {

    private static Sandbox sandbox;
    private static Sandbox small;

    @BeforeAll
    static void startSandboxes() {
        sandbox = Sandbox.start(GmailSandbox.options().withGmailMessages(600).withGmailUnitsPerSecond(20_000));
        small = Sandbox.start(GmailSandbox.options().withGmailMessages(150).withGmailUnitsPerSecond(20_000));
    }

    @AfterAll
    static void stopSandboxes() {
        sandbox.close();
        small.close();
    }

    @Override
    protected Connector connector() {
        return new GmailConnector();
    }

    @Override
    protected ConnectorConfig config() {
        return GmailSandbox.config(sandbox, SandboxOptions.DEFAULT_TOKEN, Map.of("requestsPerSecond", 2_000));
    }

    @Override
    protected ConnectorConfig configWithBadCredentials() {
        return GmailSandbox.config(sandbox, "1//revoked-refresh-token", Map.of("requestsPerSecond", 2_000));
    }

    @Override
    protected Map<String, Long> expectedRecords() {
        return Map.of("messages", 600L, "labels", 22L);
    }

    @Override
    protected String changedStream() {
        return "messages";
    }

    @Override
    protected void changeUpstreamRecords(int count) {
        sandbox.gmail().modify(count);
    }

    @Override
    protected ConnectorConfig configWithFewPages() {
        return GmailSandbox.config(small, SandboxOptions.DEFAULT_TOKEN, Map.of("requestsPerSecond", 2_000));
    }

    @Override
    protected Map<String, Long> expectedRecordsWithFewPages() {
        return Map.of("messages", 150L, "labels", 22L);
    }

    @Override
    protected Map<String, Integer> expectedPagesWithFewPages() {
        return Map.of("messages", 2, "labels", 1);
    }

    @Override
    protected long upstreamLimitViolations() {
        return sandbox.gmail().violationCount() + small.gmail().violationCount();
    }
}
