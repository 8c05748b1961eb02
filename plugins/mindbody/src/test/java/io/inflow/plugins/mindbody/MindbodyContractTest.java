package io.inflow.plugins.mindbody;

import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.mindbody.MindbodyApi;
import io.inflow.sandbox.mindbody.MindbodyOptions;
import io.inflow.sandbox.mindbody.StudioFigures;
import io.inflow.testkit.ConnectorContractTest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Mindbody connector against the sandbox's Mindbody, at a raised limit so the contract runs fast: every client
 * and class description, and the classes, visits and sales of one month (the whole studio's figures are checked
 * once, in {@link ViewsAndStatsTest}).
 */
class MindbodyContractTest extends ConnectorContractTest {

    static final LocalDate FROM = LocalDate.of(2025, 3, 1);
    static final LocalDate TO = LocalDate.of(2025, 3, 31);

    private static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0)
                .withMindbody(MindbodyOptions.defaults().withRequestsPerSecond(1_000).withDailyQuota(100_000)));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Override
    protected Connector connector() {
        return new MindbodyConnector();
    }

    @Override
    protected ConnectorConfig config() {
        return config(MindbodyApi.PASSWORD);
    }

    @Override
    protected ConnectorConfig configWithBadCredentials() {
        return config("not-the-password");
    }

    @Override
    protected Map<String, Long> expectedRecords() {
        return sandbox.mindbody().streams(FROM, TO);
    }

    @Override
    protected String changedStream() {
        return "clients";
    }

    @Override
    protected void changeUpstreamRecords(int count) {
        sandbox.mindbody().modify(count);
    }

    @Override
    protected long upstreamLimitViolations() {
        return sandbox.mindbody().violationCount();
    }

    static ConnectorConfig config(Sandbox sandbox, String password, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of(
                "baseUrl", sandbox.baseUrl() + "/mindbody",
                "apiKey", SandboxOptions.DEFAULT_TOKEN,
                "siteId", MindbodyApi.SITE_ID,
                "username", MindbodyApi.USERNAME,
                "password", password,
                "startDate", StudioFigures.FIRST_CLASS_DAY.toString(),
                "endDate", StudioFigures.LAST_CLASS_DAY.toString(),
                "requestsPerSecond", 800));
        config.putAll(overrides);
        return ConnectorConfig.of(config);
    }

    private static ConnectorConfig config(String password) {
        return config(sandbox, password, Map.of("startDate", FROM.toString(), "endDate", TO.toString()));
    }
}
