package io.inflow.sandbox.gmail;

import java.time.Clock;
import java.util.ArrayDeque;

/**
 * Gmail's per-user quota: at most so many units in any second, counted over the last second {@code (t-1s, t]}.
 * Only answered calls spend units; a refused one spends none. Upstream speaks of a moving average that allows
 * short bursts; the fake allows none, so a client that keeps under it keeps under the real one.
 */
final class UnitBudget {

    private record Spent(long at, int units) {}

    private final Clock clock;
    private final ArrayDeque<Spent> window = new ArrayDeque<>();
    private int inWindow;
    private volatile int unitsPerSecond;

    UnitBudget(Clock clock, int unitsPerSecond) {
        this.clock = clock;
        this.unitsPerSecond = unitsPerSecond;
    }

    /** Whether a call of {@code units} may be answered now; if so, it is counted. Always true without a limit. */
    synchronized boolean spend(int units) {
        int limit = unitsPerSecond;
        if (limit <= 0) {
            return true;
        }
        long now = clock.millis();
        while (!window.isEmpty() && window.peekFirst().at() <= now - 1_000) {
            inWindow -= window.removeFirst().units();
        }
        if (inWindow + units > limit) {
            return false;
        }
        window.addLast(new Spent(now, units));
        inWindow += units;
        return true;
    }

    int unitsPerSecond() {
        return unitsPerSecond;
    }

    synchronized void limitTo(int units) {
        unitsPerSecond = units;
        reset();
    }

    synchronized void reset() {
        window.clear();
        inWindow = 0;
    }
}
