package io.inflow.server.resilience;

import java.io.IOException;

/**
 * Where the calls to upstreams are counted: every attempt that went on the wire, by its answer or its failure, and
 * the time calls waited for their rate limiter. The node's metrics implement it; resilience only reports.
 *
 * @see ResilientUpstreamClient
 */
public interface UpstreamCallMetrics {

    /** An attempt got an answer with {@code statusCode} after {@code nanos}. */
    void answered(String connection, int statusCode, long nanos);

    /** An attempt got no answer: it failed with {@code failure} after {@code nanos}. */
    void failed(String connection, IOException failure, long nanos);

    /** A call waited {@code nanos} for its rate limiter (its quota gate included) before it was sent. */
    void waitedForRateLimit(String connection, long nanos);
}
