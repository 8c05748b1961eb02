package io.inflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.LoggedRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * An Airtable base's lock-out tripped by another integration, and what Inflow did in it, read from the sandbox's
 * request log. The other integration asks for pages of one record, Inflow for pages of 100: that tells them apart.
 */
record LockOut(Instant trippedAt, List<LoggedRequest> inflowRefused, List<LoggedRequest> inflowRequests) {

    /** Airtable refuses every request of the base for this long after one over its limit. */
    static final Duration LENGTH = Duration.ofSeconds(30);

    private static final Predicate<LoggedRequest> FOREIGN = request ->
            "1".equals(request.param("pageSize").orElse(null));

    /**
     * Sends a burst of 12 requests to the base of {@code airtableConnection} (a connection body), as another
     * integration would: the base is locked out for 30 s.
     */
    static void trip(JsonNode airtableConnection) {
        JsonNode config = airtableConnection.path("config");
        String token = "Bearer " + config.path("apiToken").asText();
        URI page = URI.create(config.path("baseUrl").asText() + "/v0/" + config.path("baseId").asText()
                + "/Conversations?pageSize=1");
        new ForeignClient().hammer(() -> HttpRequest.newBuilder(page).header("Authorization", token).GET().build(),
                100, Duration.ofMillis(120));
    }

    /** The lock-out in a request log of the base. */
    static LockOut in(List<LoggedRequest> log) {
        Instant tripped = log.stream().filter(FOREIGN).filter(request -> request.status() == 429)
                .map(LoggedRequest::at).findFirst()
                .orElseThrow(() -> new AssertionError("the other integration never tripped the lock-out"));
        List<LoggedRequest> inflow = log.stream().filter(FOREIGN.negate()).toList();
        return new LockOut(tripped, inflow.stream().filter(request -> request.status() == 429).toList(), inflow);
    }

    /** Inflow's requests that arrived in the lock-out after the last one it met it with: none, if it waited. */
    List<LoggedRequest> inflowRequestsAfterItsLast429() {
        Instant met = inflowRefused.get(inflowRefused.size() - 1).at();
        return inflowRequests.stream()
                .filter(request -> request.at().isAfter(met))
                .filter(request -> request.at().isBefore(trippedAt.plus(LENGTH)))
                .toList();
    }
}
