package io.inflow.plugins.airtable;

import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.testkit.ConnectorContractTest;
import io.inflow.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Airtable connector against the sandbox's Airtable, at a raised limit so the contract runs fast; the reads
 * interrupted at every page read a second sandbox whose table has 250 records, three pages.
 *
 * <p>The sandboxes' clock, which stamps the records changed, runs an hour behind the {@code Date} of their answers:
 * a scan then starts from the latest change it read, not from a few seconds before its own start, so records that
 * another test of the class changed just before are not read again, and an incremental read returns exactly what
 * changed since the full one.
 */
class AirtableContractTest extends ConnectorContractTest {

    private static final TestClock CLOCK = TestClock.realTimeFrom(Instant.now().minus(Duration.ofHours(1)));
    private static Sandbox sandbox;
    private static Sandbox small;

    @BeforeAll
    static void startSandboxes() {
        sandbox = Sandbox.start(options(2_000));
        small = Sandbox.start(options(250));
    }

    private static SandboxOptions options(int records) {
        return SandboxOptions.defaults().withPort(0).withClock(CLOCK).withAirtableRecords(records)
                .withAirtableRequestsPerSecond(500).withAirtableRequestsPerSecondPerToken(1_000);
    }

    @AfterAll
    static void stopSandboxes() {
        sandbox.close();
        small.close();
    }

    @Override
    protected Connector connector() {
        return new AirtableConnector();
    }

    @Override
    protected ConnectorConfig config() {
        return config(sandbox, "sandbox-token");
    }

    @Override
    protected ConnectorConfig configWithBadCredentials() {
        return config(sandbox, "wrong-token");
    }

    @Override
    protected ConnectorConfig configWithFewPages() {
        return config(small, "sandbox-token");
    }

    @Override
    protected Map<String, Long> expectedRecordsWithFewPages() {
        return Map.of("Conversations", 250L);
    }

    @Override
    protected Map<String, Integer> expectedPagesWithFewPages() {
        return Map.of("Conversations", 3);
    }

    @Override
    protected Map<String, Long> expectedRecords() {
        return Map.of("Conversations", 2_000L);
    }

    @Override
    protected String changedStream() {
        return "Conversations";
    }

    @Override
    protected void changeUpstreamRecords(int count) {
        sandbox.airtable().modify(count);
    }

    @Override
    protected long upstreamLimitViolations() {
        return sandbox.airtable().violationCount() + small.airtable().violationCount();
    }

    private static ConnectorConfig config(Sandbox sandbox, String token) {
        return ConnectorConfig.of(Map.of("baseUrl", sandbox.baseUrl() + "/airtable", "apiToken", token,
                "baseId", "appClinicConversations", "tables", List.of("Conversations"),
                "modifiedField", "Last Modified", "requestsPerSecond", 400));
    }
}
