package io.inflow.server.jobs;

import java.util.concurrent.atomic.AtomicBoolean;

/** What this node tells its running imports: that it is stopping, so they end at their next page. */
final class NodeSignals {

    private final AtomicBoolean stopping = new AtomicBoolean();

    void stop() {
        stopping.set(true);
    }

    boolean stopping() {
        return stopping.get();
    }
}
