package io.inflow.plugins.mindbody;

import io.inflow.api.Checkpoint;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.mindbody.MindbodyApi;
import io.inflow.sandbox.mindbody.MindbodyOptions;
import io.inflow.testkit.RecordingReadContext;
import io.inflow.testkit.TestClock;
import io.inflow.testkit.TestHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's Mindbody: the sandbox's studio on a test clock, without a rate limit, its request log emptied before
 * each test, and reads of a stream through the test kit's host. Register it as a static extension.
 */
final class MindbodyStudio implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private final TestClock clock;
    private Sandbox sandbox;

    MindbodyStudio(String now) {
        this.clock = TestClock.at(now);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock)
                .withMindbody(MindbodyOptions.defaults().withRequestsPerSecond(0)));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        sandbox.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        sandbox.reset();
    }

    TestClock clock() {
        return clock;
    }

    Sandbox sandbox() {
        return sandbox;
    }

    /** A host on the studio's clock, with the demo site's configuration and {@code overrides}. */
    TestHost host(Map<String, Object> overrides) {
        return new TestHost(new MindbodyConnector(),
                MindbodyContractTest.config(sandbox, MindbodyApi.PASSWORD, overrides), clock);
    }

    /** Reads {@code stream} from {@code checkpoint} with the demo site's configuration and {@code overrides}. */
    RecordingReadContext read(String stream, Checkpoint checkpoint, Map<String, Object> overrides) throws Exception {
        TestHost host = host(overrides);
        return host.read(host.readContext(stream, checkpoint));
    }

    /** The requests whose path ends with {@code path}, oldest first. */
    List<LoggedRequest> pages(String path) {
        return sandbox.mindbody().requests().stream().filter(request -> request.path().endsWith(path)).toList();
    }
}
