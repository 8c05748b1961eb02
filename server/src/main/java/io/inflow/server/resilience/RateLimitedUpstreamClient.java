package io.inflow.server.resilience;

import io.inflow.api.UpstreamClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The {@link UpstreamClient} a connector gets: the shared JDK client behind the connection's rate limiter. */
final class RateLimitedUpstreamClient implements UpstreamClient {

    private final HttpClient http;
    private final SlidingWindowRateLimiter limiter;
    private final Duration readTimeout;

    RateLimitedUpstreamClient(HttpClient http, SlidingWindowRateLimiter limiter, Duration readTimeout) {
        this.http = http;
        this.limiter = limiter;
        this.readTimeout = readTimeout;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler)
            throws IOException, InterruptedException {
        HttpRequest bounded = request.timeout().isPresent() ? request
                : HttpRequest.newBuilder(request, (name, value) -> true).timeout(readTimeout).build();
        limiter.acquire();
        return http.send(bounded, bodyHandler);
    }
}
