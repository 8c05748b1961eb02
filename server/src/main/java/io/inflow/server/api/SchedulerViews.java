package io.inflow.server.api;

import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.jobs.ConnectionSchedules;
import io.inflow.server.store.SchedulerStateRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The scheduler as the API shows it: its state, and the next fire of every enabled schedule. */
final class SchedulerViews {

    private final ConnectionService connections;
    private final ConnectionSchedules schedules;

    SchedulerViews(ConnectionService connections, ConnectionSchedules schedules) {
        this.connections = connections;
        this.schedules = schedules;
    }

    SchedulerView of(SchedulerStateRow state) {
        List<SchedulerView.UpcomingFire> upcoming = new ArrayList<>();
        for (Connection connection : connections.list()) {
            List<Instant> fires = schedules.nextFires(connection.jobs());
            if (!fires.isEmpty()) {
                upcoming.add(new SchedulerView.UpcomingFire(connection.id(), connection.name(),
                        connection.jobs().cron(), connection.jobs().timezone(), fires.get(0)));
            }
        }
        upcoming.sort(Comparator.comparing(SchedulerView.UpcomingFire::at));
        return SchedulerView.of(state, upcoming);
    }
}
