package io.inflow.server.resilience;

import java.time.Instant;

/**
 * Where a connection's calls say that they wait on the upstream for long (a lock-out after a 429, a
 * {@code Retry-After}, a backoff, an open circuit breaker), and learn that they should stop waiting. An import run
 * passes its own, so its status shows the wait; a check passes {@link #NONE}.
 */
public interface UpstreamWaits {

    /** Reports nothing and never asks to stop. */
    UpstreamWaits NONE = new UpstreamWaits() {
        @Override
        public void waiting(Instant until, String reason) {
        }

        @Override
        public void over() {
        }

        @Override
        public boolean stopRequested() {
            return false;
        }
    };

    /** The calls wait until {@code until}, for {@code reason} (words for a person). */
    void waiting(Instant until, String reason);

    /** They go on. */
    void over();

    /** The run was cancelled, or its node is stopping: a waiting call gives up at once. */
    boolean stopRequested();
}
