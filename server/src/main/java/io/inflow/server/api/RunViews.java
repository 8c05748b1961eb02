package io.inflow.server.api;

import io.inflow.server.jobs.RunHistory;
import io.inflow.server.store.RunRow;
import io.inflow.server.store.RunStreamRow;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds run views with their streams, in one query for a whole page of runs. */
final class RunViews {

    private final RunHistory runs;
    private final Clock clock;

    RunViews(RunHistory runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    RunView of(RunRow run) {
        return RunView.of(run, runs.streams(run.id()), clock.instant());
    }

    List<RunView> of(List<RunRow> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        Map<Long, List<RunStreamRow>> streams = runs.streamsOf(page.stream().map(RunRow::id).toList()).stream()
                .collect(Collectors.groupingBy(RunStreamRow::runId));
        return page.stream()
                .map(run -> RunView.of(run, streams.getOrDefault(run.id(), List.of()), clock.instant()))
                .toList();
    }
}
