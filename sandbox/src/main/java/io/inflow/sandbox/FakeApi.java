package io.inflow.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.sandbox.http.Request;
import io.inflow.sandbox.http.Response;

/**
 * One faked upstream API, served under {@code /<name>} and administered under
 * {@code /_sandbox/<name>/...}. A new fake implements this and is added to {@link Sandbox}'s list.
 */
public interface FakeApi {

    /** Lower-case name: the path prefix, the key in admin answers and the {@code api=} value. */
    String name();

    default String pathPrefix() {
        return "/" + name();
    }

    /** Answers a request under {@link #pathPrefix()}; its path still holds the prefix, as it was sent. */
    Response handle(Request request);

    ApiTraffic traffic();

    /** This API's entry in {@code GET /_sandbox/stats}. */
    ObjectNode stats();

    /** A connection body for the server's {@code POST /api/v1/connections}, pointing here. */
    ObjectNode connection(String sandboxBaseUrl);

    /** Changes {@code count} distinct records, deterministically from the seed and earlier calls. */
    Modification modify(int count);

    /** Applies {@code POST /_sandbox/<name>/limits} and answers the limits now in force. */
    ObjectNode updateLimits(JsonNode body);

    ObjectNode limits();

    /** Clears counters, the request log and any rate-limit state; the data stays. */
    void reset();
}
