package io.inflow.server.resilience;

import io.inflow.api.ConnectorConfig;
import io.inflow.api.Limits;
import io.inflow.api.UpstreamClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out one {@link UpstreamClient} per connection, all sharing one JDK {@link HttpClient}. Each connection
 * has its own rate limiter, so two connections (two Airtable bases, say) never slow each other down, and
 * every run and check of one connection shares its limiter.
 */
public final class UpstreamClients {

    /** The connection configuration key that overrides a connector's declared requests per second. */
    public static final String REQUESTS_PER_SECOND = "requestsPerSecond";

    private final HttpClient http;
    private final UpstreamConfiguration config;
    private final Map<String, SlidingWindowRateLimiter> limiters = new ConcurrentHashMap<>();

    public UpstreamClients(UpstreamConfiguration config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The client for a connection, limited to its configured rate or else the connector's default. */
    public UpstreamClient forConnection(long connectionId, ConnectorConfig connectionConfig, Limits defaults) {
        double rate = requestsPerSecond(connectionConfig, defaults);
        SlidingWindowRateLimiter limiter = limiters.computeIfAbsent(connectionId + "@" + rate,
                key -> SlidingWindowRateLimiter.perSecond(rate, config.rateLimitMargin()));
        return new RateLimitedUpstreamClient(http, limiter, config.readTimeout());
    }

    public static double requestsPerSecond(ConnectorConfig connectionConfig, Limits defaults) {
        return connectionConfig.number(REQUESTS_PER_SECOND)
                .filter(rate -> rate > 0)
                .orElse(defaults.requestsPerSecond());
    }

    public Duration readTimeout() {
        return config.readTimeout();
    }
}
