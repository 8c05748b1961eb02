package io.inflow.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.ConnectorConfig;
import io.inflow.api.Limits;
import io.inflow.server.store.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QuotaWindowsTest {

    private static final Instant DAY = Instant.parse("2025-03-01T00:00:00Z");

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T15:30:00Z"), ZoneOffset.UTC);
    private final QuotaWindows windows = new QuotaWindows(database.quotas(), Duration.ofDays(1), clock);
    private long connectionId;

    @BeforeEach
    void createConnection() {
        connectionId = database.connections().insert("test", "quota", "{}");
    }

    @Test
    void aConnectionWithoutDailyQuotaHasNoUsage() {
        assertThat(windows.usage(connectionId, ConnectorConfig.of(Map.of()), Limits.perSecond(5))).isEmpty();
    }

    @Test
    void theCallsOfTheCurrentUtcDayCountAgainstTheQuota() {
        database.quotas().add(connectionId, DAY.minus(Duration.ofDays(1)), 900);
        database.quotas().add(connectionId, DAY, 40);

        QuotaUsage usage = windows.usage(connectionId, ConnectorConfig.of(Map.of("dailyQuota", 100)),
                Limits.perSecond(5)).orElseThrow();

        assertThat(usage).isEqualTo(new QuotaUsage(100, false, DAY, DAY.plus(Duration.ofDays(1)), 40, 0));
        assertThat(usage.remaining()).isEqualTo(60);
        assertThat(usage.overageCalls()).isZero();
        assertThat(usage.overageCost()).isZero();
    }

    @Test
    void callsBeyondTheQuotaAreOverageAndCostTheirPriceToFourDecimals() {
        database.quotas().add(connectionId, DAY, 103);

        QuotaUsage usage = windows.usage(connectionId, ConnectorConfig.of(Map.of("dailyQuota", 100,
                "allowOverage", true, "costPerCallBeyondQuota", 0.00333)), Limits.perSecond(5)).orElseThrow();

        assertThat(usage.allowOverage()).isTrue();
        assertThat(usage.remaining()).isZero();
        assertThat(usage.overageCalls()).isEqualTo(3);
        assertThat(usage.overageCost()).isEqualTo(0.01);
    }
}
