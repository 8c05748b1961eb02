package io.inflow.server.resilience;

import io.inflow.api.ConnectorConfig;
import io.inflow.api.Limits;
import io.inflow.server.store.QuotaDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How much of its daily quota a connection spent in the current quota window, as its {@link QuotaGate} counts it
 * (windows aligned on the epoch, calls counted in PostgreSQL): for its stats and the quota gauge.
 */
public final class QuotaWindows {

    private final QuotaDao quotas;
    private final Duration window;
    private final Clock clock;

    public QuotaWindows(QuotaDao quotas, Duration window, Clock clock) {
        this.quotas = quotas;
        this.window = window;
        this.clock = clock;
    }

    /**
     * The connection's usage of the current window, or empty when it has no daily quota.
     *
     * @param config its configuration, whose host settings override {@code defaults}
     * @param defaults its connector's limits
     */
    public Optional<QuotaUsage> usage(long connectionId, ConnectorConfig config, Limits defaults) {
        long quota = HostSettings.dailyQuota(config, defaults);
        if (quota <= 0) {
            return Optional.empty();
        }
        Instant start = QuotaGate.windowStart(clock.instant(), window);
        return Optional.of(new QuotaUsage(quota, HostSettings.allowOverage(config), start, start.plus(window),
                quotas.used(connectionId, start), HostSettings.costPerCallBeyondQuota(config, defaults)));
    }
}
