package io.inflow.server.store;

/** How many records one stream of one connection holds. */
public record RecordCount(long connectionId, String stream, long records) {
}
