package io.inflow.plugins.airtable;

import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.testkit.ConnectorContractTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Airtable connector against the sandbox's Airtable, at a raised limit so the contract runs fast. */
class AirtableContractTest extends ConnectorContractTest {

    private static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withAirtableRecords(2_000)
                .withAirtableRequestsPerSecond(500).withAirtableRequestsPerSecondPerToken(1_000));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Override
    protected Connector connector() {
        return new AirtableConnector();
    }

    @Override
    protected ConnectorConfig config() {
        return config("sandbox-token");
    }

    @Override
    protected ConnectorConfig configWithBadCredentials() {
        return config("wrong-token");
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
        return sandbox.airtable().violationCount();
    }

    private static ConnectorConfig config(String token) {
        return ConnectorConfig.of(Map.of("baseUrl", sandbox.baseUrl() + "/airtable", "apiToken", token,
                "baseId", "appClinicConversations", "tables", List.of("Conversations"),
                "modifiedField", "Last Modified", "requestsPerSecond", 400));
    }
}
