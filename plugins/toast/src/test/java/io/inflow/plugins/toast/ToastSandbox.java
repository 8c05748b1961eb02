package io.inflow.plugins.toast;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.toast.Restaurant;
import io.inflow.sandbox.toast.ToastApi;
import io.inflow.testkit.RecordingReadContext;
import io.inflow.testkit.TestClock;
import io.inflow.testkit.TestHost;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sandbox whose Toast runs on a clock the test moves, without rate limits (the clock does not move while
 * requests arrive), and a connector on the same clock, so tokens expire and scans end where the test says.
 */
final class ToastSandbox implements AutoCloseable {

    final TestClock clock;
    final Sandbox sandbox;
    final ToastConnector connector;

    private ToastSandbox(TestClock clock) {
        this.clock = clock;
        this.sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock).withAirtableRecords(1)
                .withToastRequestsPerSecond(0));
        this.connector = new ToastConnector();
    }

    /** After the generated orders, whose last modification is on 2025-04-02. */
    static ToastSandbox at(String instant) {
        return new ToastSandbox(TestClock.at(instant));
    }

    ToastApi toast() {
        return sandbox.toast();
    }

    ConnectorConfig config(String startDate) {
        return config(Map.of("startDate", startDate));
    }

    ConnectorConfig config(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("baseUrl", sandbox.baseUrl() + "/toast",
                "clientId", Restaurant.CLIENT_ID, "clientSecret", SandboxOptions.DEFAULT_TOKEN,
                "restaurantGuid", Restaurant.GUID, "requestsPerSecond", 1_000));
        config.putAll(overrides);
        return ConnectorConfig.of(config);
    }

    /** A host of its own on the sandbox's clock, for the one connector (whose tokens outlive a host). */
    TestHost host(ConnectorConfig config) {
        return new TestHost(connector, config, clock);
    }

    /** A read of the orders from {@code checkpoint}, on a host of its own. */
    RecordingReadContext context(ConnectorConfig config, Checkpoint checkpoint) {
        return host(config).readContext("orders", checkpoint);
    }

    /** Reads the orders from {@code checkpoint} to the end. */
    RecordingReadContext read(ConnectorConfig config, Checkpoint checkpoint) throws Exception {
        RecordingReadContext context = context(config, checkpoint);
        connector.read("orders", checkpoint, context);
        return context;
    }

    /**
     * Deletes {@code count} orders as Toast keeps them: marked {@code deleted}, their modification now by the
     * clock. Their GUIDs.
     */
    List<String> delete(int count) {
        return toast().delete(count).ids();
    }

    List<LoggedRequest> bulkRequests() {
        return toast().requests().stream().filter(request -> request.path().endsWith("/ordersBulk")).toList();
    }

    long answered(int status) {
        return toast().requests().stream().filter(request -> request.status() == status).count();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
