package io.inflow.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.faults.Fault;
import io.inflow.sandbox.faults.FaultCounts;
import io.inflow.sandbox.faults.RequestFaults;
import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.Reply;
import io.inflow.sandbox.http.Request;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What one fake API was asked: every request counted and logged, those that broke its limits,
 * and the faults injected into the answers.
 */
public final class ApiTraffic {

    private static final int MAX_LOGGED_BODY = 64 * 1024;

    private final Clock clock;
    private final RequestCounter counter = new RequestCounter();
    private final FaultCounts faults = new FaultCounts();
    private final RequestLog log;

    public ApiTraffic(Clock clock, int logCapacity) {
        this.clock = clock;
        this.log = new RequestLog(logCapacity);
    }

    /**
     * Records an answered (or dropped) request. {@code violation} when it broke a real rate limit,
     * whatever fault then replaced its answer; an injected 429 is not one.
     */
    public void record(Request request, Reply reply, boolean violation) {
        counter.count(violation);
        RequestFaults drawn = request.faults();
        faults.add(drawn);
        log.add(new LoggedRequest(
                request.method(), request.path(), request.query().asMap(), loggedBody(request), reply.status(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), drawn.applied().map(Fault::key).orElse(null)));
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
        return counter.requests();
    }

    public long violationCount() {
        return counter.violations();
    }

    /** How many faults of this kind were injected since the last reset; records for malformedRecord. */
    public long faultCount(Fault fault) {
        return faults.count(fault);
    }

    public FaultCounts faults() {
        return faults;
    }

    public List<LoggedRequest> requests() {
        return log.entries();
    }

    public void reset() {
        counter.reset();
        faults.reset();
        log.clear();
    }
}
