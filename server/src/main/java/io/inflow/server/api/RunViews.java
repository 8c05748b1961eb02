package io.inflow.server.api;

import io.inflow.server.jobs.RunHistory;
import io.inflow.server.store.RunRow;
import io.inflow.server.store.RunWithStreams;
import java.time.Clock;
import java.util.List;

/** Builds run views with their streams, as of the clock's now. */
final class RunViews {

    private final RunHistory runs;
    private final Clock clock;

    RunViews(RunHistory runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /** A run a write answered (a trigger, a cancel, a resume): its streams are read for it. */
    RunView of(RunRow run) {
        return RunView.of(run, runs.streams(run.id()), clock.instant());
    }

    /** A run read with its streams. */
    RunView of(RunWithStreams run) {
        return RunView.of(run.run(), run.streams(), clock.instant());
    }

    /** Runs read with their streams, in their order. */
    List<RunView> of(List<RunWithStreams> runs) {
        return runs.stream().map(this::of).toList();
    }
}
