package io.inflow.server.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.Limits;
import io.inflow.api.UpstreamClient;
import io.inflow.server.connections.Connection;
import io.inflow.server.metrics.UpstreamMetrics;
import io.inflow.server.plugins.LoadedConnector;
import io.inflow.server.store.QuotaDao;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out the {@link UpstreamClient} of each connection, all sharing one JDK {@link HttpClient}. Rate limiters
 * are per rate-limit scope (the connection, or what the connector says the upstream counts by, such as an
 * Airtable base), so connections never slow each other down unless the upstream counts them together. Circuit
 * breakers are per connection and named {@code connection-<id>}.
 */
public final class UpstreamClients {

    private final HttpClient http;
    private final UpstreamConfiguration config;
    private final QuotaDao quotas;
    private final Clock clock;
    private final UpstreamMetrics metrics;
    private final RetryPolicy retry;
    private final CircuitBreakerRegistry breakers;
    private final Map<String, SlidingWindowRateLimiter> limiters = new ConcurrentHashMap<>();

    public UpstreamClients(UpstreamConfiguration config, QuotaDao quotas, Clock clock, UpstreamMetrics metrics) {
        this.config = config;
        this.quotas = quotas;
        this.clock = clock;
        this.metrics = metrics;
        this.retry = RetryPolicy.of(config);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(config.breakerFailureRatePercent())
                .waitDurationInOpenState(config.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
    }

    /** The client for a connection of {@code connector}, with the limits it declares unless overridden. */
    public UpstreamClient forConnection(Connection connection, LoadedConnector connector) {
        String scope = connector.call(plugin -> plugin.rateLimitScope(connection.config()));
        return forConnection(connection.id(), connection.name(), connector.pluginId(), scope, connection.config(),
                connector.spec().limits());
    }

    /**
     * The calls a connection may still make in the current quota window, as its quota gate counts them: empty
     * when it has no daily quota, zero when spent (overage included).
     */
    public OptionalLong quotaRemaining(long connectionId, ConnectorConfig connectionConfig, Limits defaults) {
        long quota = HostSettings.dailyQuota(connectionConfig, defaults);
        if (quota <= 0) {
            return OptionalLong.empty();
        }
        long used = quotas.used(connectionId, QuotaGate.windowStart(clock.instant(), config.quotaWindow()));
        return OptionalLong.of(Math.max(0, quota - used));
    }

    /**
     * The client for a connection.
     *
     * @param rateLimitScope what the upstream counts its limit by, or null for the connection alone
     */
    UpstreamClient forConnection(long connectionId, String connectionName, String pluginId, String rateLimitScope,
                                 ConnectorConfig connectionConfig, Limits defaults) {
        double rate = HostSettings.requestsPerSecond(connectionConfig, defaults);
        String scope = rateLimitScope == null ? "connection-" + connectionId : pluginId + ":" + rateLimitScope;
        SlidingWindowRateLimiter limiter = limiters.computeIfAbsent(scope + "@" + rate,
                key -> SlidingWindowRateLimiter.perSecond(rate, config.rateLimitMargin()));
        long quota = HostSettings.dailyQuota(connectionConfig, defaults);
        Optional<QuotaGate> gate = quota <= 0 ? Optional.empty() : Optional.of(new QuotaGate(connectionId, quotas,
                quota, HostSettings.allowOverage(connectionConfig), config.quotaWindow(), clock));
        return new ResilientUpstreamClient(http, limiter, breaker(connectionId), gate, retry, config.readTimeout(),
                "connection " + connectionId, metrics, connectionName);
    }

    /** The state of each connection's circuit breaker that has seen calls: CLOSED, OPEN or HALF_OPEN. */
    public Map<Long, String> breakerStates() {
        Map<Long, String> states = new LinkedHashMap<>();
        breakers.getAllCircuitBreakers().forEach(breaker ->
                states.put(Long.parseLong(breaker.getName().substring("connection-".length())),
                        breaker.getState().name()));
        return states;
    }

    public java.time.Duration quotaWindow() {
        return config.quotaWindow();
    }

    private CircuitBreaker breaker(long connectionId) {
        return breakers.circuitBreaker("connection-" + connectionId);
    }
}
