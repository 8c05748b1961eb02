package io.inflow.server.api;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/health}: whether the database answers, which plugins are usable, how many records each
 * connection's streams hold, the state of each connection's circuit breaker, and the open dead letters.
 */
public record HealthView(String status, DatabaseHealth database, PluginsHealth plugins, RecordsHealth records,
                         List<UpstreamHealth> upstreams, long openDeadLetters) {

    /** A connection's circuit breaker: CLOSED, OPEN (refusing calls) or HALF_OPEN (testing the upstream). */
    public record UpstreamHealth(long connection, String circuitBreaker) {
    }

    /** Whether the database answered, and whether it is the embedded one or an external server. */
    public record DatabaseHealth(boolean ok, String mode, Long latencyMs, String error) {
    }

    /** Plugins by outcome; failed ones with their reasons. */
    public record PluginsHealth(int loaded, int failed, List<PluginFailure> failures) {
    }

    /** One plugin that could not be loaded. */
    public record PluginFailure(String id, String reason) {
    }

    /**
     * Stored records, in all and per connection and stream, as counted at {@code countedAt}: counting reads every
     * record, so it is done at most every 30 seconds, not on each call.
     */
    public record RecordsHealth(long total, List<StreamRecords> streams, Instant countedAt) {
    }

    /** The records of one stream of one connection. */
    public record StreamRecords(long connection, String stream, long records) {
    }
}
