package io.inflow.plugins.toast;

import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.toast.Restaurant;
import io.inflow.testkit.ConnectorContractTest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Toast connector against the sandbox's Toast, at raised limits so the contract runs fast. */
class ToastContractTest extends ConnectorContractTest {

    private static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withAirtableRecords(1));
        sandbox.toast().limitTo(500, 1_000, 1_000_000);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Override
    protected Connector connector() {
        return new ToastConnector();
    }

    @Override
    protected ConnectorConfig config() {
        return config(SandboxOptions.DEFAULT_TOKEN);
    }

    @Override
    protected ConnectorConfig configWithBadCredentials() {
        return config("not-the-secret");
    }

    @Override
    protected Map<String, Long> expectedRecords() {
        return Map.of("orders", (long) Restaurant.ORDERS);
    }

    @Override
    protected String changedStream() {
        return "orders";
    }

    @Override
    protected void changeUpstreamRecords(int count) {
        sandbox.toast().modify(count);
        // Toast's windows end, exclusive, at the scan's start by the clock: an order modified in the very millisecond
        // the next scan starts belongs to the scan after it (its overlap). The contract reads at once, so let the
        // clock move past the modification (at most a millisecond ahead of it) first.
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected long upstreamLimitViolations() {
        return sandbox.toast().violationCount();
    }

    private static ConnectorConfig config(String clientSecret) {
        return ConnectorConfig.of(Map.of("baseUrl", sandbox.baseUrl() + "/toast", "clientId", Restaurant.CLIENT_ID,
                "clientSecret", clientSecret, "restaurantGuid", Restaurant.GUID, "startDate", "2025-03-01",
                "requestsPerSecond", 400));
    }
}
