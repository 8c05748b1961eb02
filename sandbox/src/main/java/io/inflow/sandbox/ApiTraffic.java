package io.inflow.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.Request;
import io.inflow.sandbox.http.Response;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** What one fake API was asked: every request counted and logged, and those that broke its limits. */
public final class ApiTraffic {

    private static final int MAX_LOGGED_BODY = 64 * 1024;

    private final Clock clock;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong violations = new AtomicLong();
    private final RequestLog log;

    public ApiTraffic(Clock clock, int logCapacity) {
        this.clock = clock;
        this.log = new RequestLog(logCapacity);
    }

    /** Records an answered request; {@code violation} when it was refused for breaking a rate limit. */
    public void record(Request request, Response response, boolean violation) {
        requests.incrementAndGet();
        if (violation) {
            violations.incrementAndGet();
        }
        log.add(new LoggedRequest(
                request.method(), request.path(), request.query().asMap(), loggedBody(request), response.status(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    }

    private static JsonNode loggedBody(Request request) {
        if (request.body().length == 0 || request.body().length > MAX_LOGGED_BODY) {
            return null;
        }
        try {
            return Json.read(request.body());
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    public long requestCount() {
        return requests.get();
    }

    public long violationCount() {
        return violations.get();
    }

    public List<LoggedRequest> requests() {
        return log.entries();
    }

    public void reset() {
        requests.set(0);
        violations.set(0);
        log.clear();
    }
}
