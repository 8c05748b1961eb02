package io.inflow.plugins.toast;

import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.toast.Restaurant;
import io.inflow.testkit.ConnectorContractTest;
import io.inflow.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Toast connector against the sandbox's Toast, at raised limits so the contract runs fast; the reads interrupted
 * at every page read a second sandbox, never changed, from a start date that leaves a few pages of orders.
 *
 * <p>Both run on a clock that keeps pace with the system's from a few days after the generated orders, so a scan
 * ends where the test expects; each change of orders is followed by twenty minutes, more than the margin an
 * incremental read reads again.
 */
class ToastContractTest extends ConnectorContractTest {

    private static final TestClock CLOCK = TestClock.realTimeFrom(Instant.parse("2025-04-05T00:00:00Z"));
    private static Sandbox sandbox;
    private static Sandbox small;

    @BeforeAll
    static void startSandboxes() {
        sandbox = start();
        small = start();
    }

    private static Sandbox start() {
        Sandbox started = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(CLOCK).withAirtableRecords(1));
        started.toast().limitTo(500, 1_000, 1_000_000);
        return started;
    }

    @AfterAll
    static void stopSandboxes() {
        sandbox.close();
        small.close();
    }

    @Override
    protected TestClock clock() {
        return CLOCK;
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
        // an incremental read starts 15 minutes before the last scan's end: later scans are past this change, and a
        // scan's end, exclusive, is never the very millisecond of it
        CLOCK.advance(Duration.ofMinutes(20));
    }

    @Override
    protected ConnectorConfig configWithFewPages() {
        return config(small, SandboxOptions.DEFAULT_TOKEN, "2025-03-31");
    }

    @Override
    protected Map<String, Long> expectedRecordsWithFewPages() {
        return Map.of("orders", 269L);
    }

    @Override
    protected Map<String, Integer> expectedPagesWithFewPages() {
        return Map.of("orders", 3);
    }

    @Override
    protected long upstreamLimitViolations() {
        return sandbox.toast().violationCount() + small.toast().violationCount();
    }

    private static ConnectorConfig config(String clientSecret) {
        return config(sandbox, clientSecret, "2025-03-01");
    }

    private static ConnectorConfig config(Sandbox sandbox, String clientSecret, String startDate) {
        return ConnectorConfig.of(Map.of("baseUrl", sandbox.baseUrl() + "/toast", "clientId", Restaurant.CLIENT_ID,
                "clientSecret", clientSecret, "restaurantGuid", Restaurant.GUID, "startDate", startDate,
                "requestsPerSecond", 400));
    }
}
