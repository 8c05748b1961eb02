package io.inflow.plugins.toast;

import io.inflow.api.Checkpoint;
import java.time.Duration;
import java.time.Instant;

/**
 * Where a scan of the orders stands, as stored in Inflow's checkpoint.
 *
 * <p>A scan reads the orders modified from {@code modifiedSince} up to {@code until}, the moment it began, in
 * windows no longer than Toast allows, each read page by page. Mid-scan the checkpoint holds the current window
 * ({@code modifiedSince} inclusive to {@code windowEnd} exclusive), the page to read next in it, and
 * {@code until}. The checkpoint of a finished scan holds only {@code modifiedSince}: where the next incremental
 * scan starts, {@link #OVERLAP} before the finished scan's {@code until}.
 *
 * @param modifiedSince the inclusive start of the current window, or of the next scan when completed
 * @param windowEnd the exclusive end of the current window; null before the scan began and once it completed
 * @param until the exclusive end of the scan; null before it began and once it completed
 * @param page the page of the current window to read next, from 1
 */
record ScanPosition(Instant modifiedSince, Instant windowEnd, Instant until, int page) {

    /**
     * Toast limits a window to one month (one version of its guide); 28 days fits every reading of "one month",
     * February's included.
     */
    static final Duration MAX_WINDOW = Duration.ofDays(28);
    /**
     * How far back of the last scan's end the next one starts. Orders modified in that margin are read twice
     * (the second time unchanged), so an order whose modification Toast stamps a little before it becomes
     * visible, or whose time comes from a clock behind ours, is not lost between two scans.
     */
    static final Duration OVERLAP = Duration.ofMinutes(15);

    private static final String MODIFIED_SINCE = "modifiedSince";
    private static final String WINDOW_END = "windowEnd";
    private static final String UNTIL = "until";
    private static final String PAGE = "page";

    static ScanPosition from(Checkpoint checkpoint, Instant firstStart) {
        Instant since = checkpoint.get(MODIFIED_SINCE).map(Instant::parse).orElse(firstStart);
        return new ScanPosition(since, checkpoint.get(WINDOW_END).map(Instant::parse).orElse(null),
                checkpoint.get(UNTIL).map(Instant::parse).orElse(null),
                checkpoint.get(PAGE).map(Integer::parseInt).orElse(1));
    }

    Checkpoint toCheckpoint() {
        Checkpoint checkpoint = Checkpoint.of(MODIFIED_SINCE, modifiedSince.toString());
        if (until == null) {
            return checkpoint;
        }
        return checkpoint.with(WINDOW_END, windowEnd.toString()).with(UNTIL, until.toString())
                .with(PAGE, Integer.toString(page));
    }

    boolean begun() {
        return until != null;
    }

    /** The scan starting now, unless it already began: it reads up to {@code now}. */
    ScanPosition begin(Instant now) {
        if (begun()) {
            return this;
        }
        return new ScanPosition(modifiedSince, windowEndFrom(modifiedSince, now), now, 1);
    }

    /** Whether the scan has orders to ask for: a window that is not empty. */
    boolean hasWindow() {
        return begun() && windowEnd.isAfter(modifiedSince);
    }

    ScanPosition atPage(int next) {
        return new ScanPosition(modifiedSince, windowEnd, until, next);
    }

    /** After the last page of a window: the next window, or the completed scan after the last one. */
    ScanPosition afterWindow() {
        if (windowEnd.isBefore(until)) {
            return new ScanPosition(windowEnd, windowEndFrom(windowEnd, until), until, 1);
        }
        return completed();
    }

    /**
     * The checkpoint of a finished scan: the next one starts {@link #OVERLAP} before this one's end (or where this
     * one started, if it had nothing to read: a start date still in the future).
     */
    ScanPosition completed() {
        if (until == null || !until.isAfter(modifiedSince)) {
            return new ScanPosition(modifiedSince, null, null, 1);
        }
        return new ScanPosition(until.minus(OVERLAP), null, null, 1);
    }

    boolean isCompleted() {
        return until == null;
    }

    private static Instant windowEndFrom(Instant start, Instant until) {
        Instant longest = start.plus(MAX_WINDOW);
        return longest.isBefore(until) ? longest : until;
    }
}
