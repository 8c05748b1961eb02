package io.inflow.server.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.Limits;
import io.inflow.api.UpstreamClient;
import io.inflow.server.plugins.LoadedConnector;
import io.inflow.server.store.QuotaDao;
import io.inflow.server.store.RateLimitTable;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out the {@link UpstreamClient} of each connection, all sending through one {@link UpstreamTransport}.
 * Rate limits are per rate-limit scope (the connection, or what the connector says the upstream counts by, such
 * as an Airtable base) and shared by every node through PostgreSQL ({@link SharedRateLimiter}), so connections
 * never slow each other down unless the upstream counts them together, wherever they run. Circuit breakers are
 * per connection and named {@code connection-<id>}. Closing it closes the transport.
 */
public final class UpstreamClients implements AutoCloseable {

    /** The longest a call a person waits for (a check, a replay) tries before it answers. */
    public static final java.time.Duration INTERACTIVE_BUDGET = java.time.Duration.ofSeconds(20);

    private final UpstreamTransport transport;
    private final UpstreamConfiguration config;
    private final QuotaDao quotas;
    private final RateLimitTable rateLimits;
    private final String node;
    private final Clock clock;
    private final UpstreamCallMetrics metrics;
    private final RetryPolicy retry;
    private final CircuitBreakerRegistry breakers;
    /** What each breaker last counted as a failure, in words, so that an open breaker can say why. */
    private final Map<String, String> lastFailures = new ConcurrentHashMap<>();

    /**
     * @param node this node's name, which the shared rate limits record with each call
     */
    public UpstreamClients(UpstreamConfiguration config, QuotaDao quotas, RateLimitTable rateLimits, String node,
                           Clock clock, UpstreamCallMetrics metrics) {
        this(new JettyUpstreamTransport(config.connectTimeout()), config, quotas, rateLimits, node, clock, metrics);
    }

    UpstreamClients(UpstreamTransport transport, UpstreamConfiguration config, QuotaDao quotas,
                    RateLimitTable rateLimits, String node, Clock clock, UpstreamCallMetrics metrics) {
        this.transport = transport;
        this.config = config;
        this.quotas = quotas;
        this.rateLimits = rateLimits;
        this.node = node;
        this.clock = clock;
        this.metrics = metrics;
        this.retry = RetryPolicy.of(config, clock);
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(config.breakerFailureRatePercent())
                .waitDurationInOpenState(config.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        breakers.getEventPublisher().onEntryAdded(added -> {
            CircuitBreaker breaker = added.getAddedEntry();
            breaker.getEventPublisher().onError(failed ->
                    lastFailures.put(breaker.getName(), String.valueOf(failed.getThrowable().getMessage())));
        });
    }

    /**
     * The client for a connection of {@code connector}, with the limits it declares unless overridden, for calls
     * whose long waits {@code waits} hears of.
     */
    public UpstreamClient forConnection(UpstreamCaller caller, LoadedConnector connector, UpstreamWaits waits) {
        return forConnection(caller, connector, waits, retry);
    }

    /**
     * The client for a call a person waits for (a check, a replay): it gives up after {@link #INTERACTIVE_BUDGET}
     * at most, rather than hold the request for minutes.
     */
    public UpstreamClient forInteractiveCall(UpstreamCaller caller, LoadedConnector connector) {
        return forConnection(caller, connector, UpstreamWaits.NONE, retry.atMost(INTERACTIVE_BUDGET));
    }

    /**
     * The client for the check of a connection not stored yet: an interactive call whose calls count against the
     * quota in {@code calls} until the connection is stored (then {@link #keep}), or not at all ({@link #forget}).
     */
    public UpstreamClient forDraft(UpstreamCaller draft, LoadedConnector connector, DraftCalls calls) {
        return forConnection(draft, connector, UpstreamWaits.NONE, retry.atMost(INTERACTIVE_BUDGET), calls);
    }

    /** Counts the calls of a draft's check against the connection it became. */
    public void keep(long connectionId, DraftCalls calls) {
        calls.byWindow().forEach((windowStart, count) -> quotas.add(connectionId, windowStart, count));
    }

    /** Drops what was kept for a draft that was not stored: its circuit breaker. */
    public void forget(long draftId) {
        String name = "connection-" + draftId;
        breakers.remove(name);
        lastFailures.remove(name);
    }

    private UpstreamClient forConnection(UpstreamCaller caller, LoadedConnector connector, UpstreamWaits waits,
                                         RetryPolicy policy) {
        return forConnection(caller, connector, waits, policy, quotas::consume);
    }

    private UpstreamClient forConnection(UpstreamCaller caller, LoadedConnector connector, UpstreamWaits waits,
                                         RetryPolicy policy, QuotaLedger ledger) {
        String scope = connector.call(plugin -> plugin.rateLimitScope(caller.config()));
        return forConnection(caller.connectionId(), caller.connectionName(), connector.pluginId(), scope,
                caller.config(), connector.spec().limits(), waits, policy, ledger);
    }

    /**
     * The client for a connection.
     *
     * @param rateLimitScope what the upstream counts its limit by, or null for the connection alone
     */
    UpstreamClient forConnection(long connectionId, String connectionName, String pluginId, String rateLimitScope,
                                 ConnectorConfig connectionConfig, Limits defaults, UpstreamWaits waits,
                                 RetryPolicy policy) {
        return forConnection(connectionId, connectionName, pluginId, rateLimitScope, connectionConfig, defaults, waits,
                policy, quotas::consume);
    }

    private UpstreamClient forConnection(long connectionId, String connectionName, String pluginId,
                                         String rateLimitScope, ConnectorConfig connectionConfig, Limits defaults,
                                         UpstreamWaits waits, RetryPolicy policy, QuotaLedger ledger) {
        RateLimit limit = RateLimit.perSecond(HostSettings.requestsPerSecond(connectionConfig, defaults),
                config.rateLimitMargin());
        String scope = rateLimitScope == null ? "connection-" + connectionId : pluginId + ":" + rateLimitScope;
        SharedRateLimiter limiter = new SharedRateLimiter(scope, limit,
                config.connectTimeout().plus(config.readTimeout()), rateLimits, node);
        long quota = HostSettings.dailyQuota(connectionConfig, defaults);
        Optional<QuotaGate> gate = quota <= 0 ? Optional.empty() : Optional.of(new QuotaGate(connectionId, ledger,
                quota, HostSettings.allowOverage(connectionConfig), config.quotaWindow(), clock));
        CircuitBreaker breaker = breaker(connectionId);
        return new ResilientUpstreamClient(transport, limiter, breaker, () -> lastFailures.get(breaker.getName()), gate,
                policy, defaults.lockout(), config.readTimeout(), "connection " + connectionId, metrics,
                connectionName, waits, clock);
    }

    /** The state of each connection's circuit breaker that has seen calls: CLOSED, OPEN or HALF_OPEN. */
    public Map<Long, String> breakerStates() {
        Map<Long, String> states = new LinkedHashMap<>();
        breakers.getAllCircuitBreakers().forEach(breaker ->
                states.put(Long.parseLong(breaker.getName().substring("connection-".length())),
                        breaker.getState().name()));
        return states;
    }

    /** Stops the transport: its connections close, calls still in flight fail. */
    @Override
    public void close() {
        transport.close();
    }

    private CircuitBreaker breaker(long connectionId) {
        return breakers.circuitBreaker("connection-" + connectionId);
    }
}
