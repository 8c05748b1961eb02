package io.inflow.server.store;

import java.util.List;

/** A run and its streams in their order, as one read of both tables found them. */
public record RunWithStreams(RunRow run, List<RunStreamRow> streams) {

    public RunWithStreams {
        streams = List.copyOf(streams);
    }
}
