package io.inflow.plugins.mindbody;

import io.inflow.api.Checkpoint;
import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.mindbody.MindbodyApi;
import io.inflow.sandbox.mindbody.MindbodyOptions;
import io.inflow.sandbox.mindbody.StudioFigures;
import io.inflow.testkit.ConnectorContractTest;
import io.inflow.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Mindbody connector against the sandbox's Mindbody, at a raised limit so the contract runs fast: every client
 * and class description, and the classes, visits and sales of one month (the whole studio's figures are checked
 * once, in {@link ViewsAndStatsTest}). The reads interrupted at every page read a second sandbox, never changed, in
 * pages of 40: the classes, visits and sales of one day, the class descriptions, and the clients modified since
 * {@link #RECENT} (a full read of the clients is 164 such pages).
 *
 * <p>Both run on a clock that keeps pace with the system's from after the studio's data; each change of records
 * upstream happens two days after the one before, beyond the day an incremental read of clients reads again.
 */
class MindbodyContractTest extends ConnectorContractTest {

    static final LocalDate FROM = LocalDate.of(2025, 3, 1);
    static final LocalDate TO = LocalDate.of(2025, 3, 31);
    private static final LocalDate DAY = LocalDate.of(2025, 3, 5);
    private static final Instant RECENT = Instant.parse("2025-11-01T00:00:00Z");
    private static final TestClock CLOCK = TestClock.realTimeFrom(Instant.parse("2025-12-01T09:00:00Z"));

    private static Sandbox sandbox;
    private static Sandbox small;

    @BeforeAll
    static void startSandboxes() {
        sandbox = Sandbox.start(options());
        small = Sandbox.start(options());
    }

    private static SandboxOptions options() {
        return SandboxOptions.defaults().withPort(0).withClock(CLOCK)
                .withMindbody(MindbodyOptions.defaults().withRequestsPerSecond(1_000).withDailyQuota(100_000));
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
        CLOCK.advance(Duration.ofDays(2));
        sandbox.mindbody().modify(count);
    }

    /** An incremental read of clients reads again the day before the latest change it saw: the test's first ten. */
    @Override
    protected long unchangedRecordsReadAgainIncrementally() {
        return 10;
    }

    @Override
    protected ConnectorConfig configWithFewPages() {
        return config(small, MindbodyApi.PASSWORD,
                Map.of("startDate", DAY.toString(), "endDate", DAY.toString(), "pageSize", 40));
    }

    @Override
    protected Checkpoint startOfInterruptedReads(String stream) {
        return stream.equals("clients") ? Checkpoint.of("since", RECENT.toString()) : Checkpoint.empty();
    }

    @Override
    protected Map<String, Long> expectedRecordsWithFewPages() {
        return Map.of("clients", 159L, "classes", 84L, "class_schedules", 113L, "visits", 230L, "sales", 36L);
    }

    @Override
    protected Map<String, Integer> expectedPagesWithFewPages() {
        return Map.of("clients", 4, "classes", 3, "class_schedules", 3, "visits", 3, "sales", 1);
    }

    @Override
    protected long upstreamLimitViolations() {
        return sandbox.mindbody().violationCount() + small.mindbody().violationCount();
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
