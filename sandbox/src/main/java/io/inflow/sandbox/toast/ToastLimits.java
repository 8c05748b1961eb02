package io.inflow.sandbox.toast;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Toast's rate limits, counted in fixed time slices as Toast describes them: the global limit of a client (20
 * requests per second and 10,000 per 15 minutes, across every API) and the {@code GET /ordersBulk} endpoint limit
 * (5 per second per client and location). A client is counted per restaurant when it names one, else per IP
 * address (logins). Every arriving request counts, refused ones included.
 *
 * <p>Every answer that passed the limiter carries {@code X-Toast-RateLimit-By}, {@code -Remaining} and
 * {@code -Reset} for the limit closest to being exceeded; a refusal adds {@code Retry-After}, the seconds until
 * that limit's slice ends.
 */
final class ToastLimits {

    static final long SECOND = 1_000;
    static final long QUARTER_HOUR = 15 * 60 * SECOND;

    /** Whether a request may pass, and the headers its answer carries. */
    record Verdict(boolean admitted, Map<String, String> headers) {}

    private record Limit(String by, String name, int max, long slice) {}

    private static final class Slice {
        long start = Long.MIN_VALUE;
        int count;
    }

    private final Clock clock;
    private final Map<String, Slice> slices = new ConcurrentHashMap<>();
    private volatile ToastOptions options;

    ToastLimits(Clock clock, ToastOptions options) {
        this.clock = clock;
        this.options = options;
    }

    ToastOptions options() {
        return options;
    }

    /** New limits start from a clean slate. */
    synchronized void use(ToastOptions changed) {
        this.options = changed;
        slices.clear();
    }

    void reset() {
        slices.clear();
    }

    /**
     * Counts a request of {@code client} (or of an IP address, when it names no restaurant) against the limits
     * that apply to it.
     */
    Verdict admit(String client, String restaurant, boolean ordersBulk) {
        ToastOptions limits = options;
        if (limits.requestsPerSecond() <= 0) {
            return new Verdict(true, Map.of());
        }
        String who = client + "@" + (restaurant == null ? "ip" : restaurant);
        List<Limit> applicable = new ArrayList<>(3);
        applicable.add(new Limit("GLOBAL", "global/s", limits.globalRequestsPerSecond(), SECOND));
        applicable.add(new Limit("GLOBAL", "global/15min", limits.globalRequestsPerQuarterHour(), QUARTER_HOUR));
        if (ordersBulk) {
            applicable.add(new Limit("ENDPOINT", "ordersBulk/s", limits.requestsPerSecond(), SECOND));
        }
        long now = clock.millis();
        Limit exceeded = null;
        Limit closest = null;
        int closestRemaining = Integer.MAX_VALUE;
        long exceededEnd = 0;
        long closestEnd = 0;
        for (Limit limit : applicable) {
            long start = now - Math.floorMod(now, limit.slice());
            int count = count(who + "/" + limit.name(), start);
            int remaining = Math.max(0, limit.max() - count);
            if (count > limit.max() && exceeded == null) {
                exceeded = limit;
                exceededEnd = start + limit.slice();
            }
            if (remaining < closestRemaining) {
                closest = limit;
                closestRemaining = remaining;
                closestEnd = start + limit.slice();
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (exceeded != null) {
            headers.put("X-Toast-RateLimit-By", exceeded.by());
            headers.put("X-Toast-RateLimit-Remaining", "0");
            headers.put("X-Toast-RateLimit-Reset", Long.toString(ceilSeconds(exceededEnd)));
            headers.put("Retry-After", Long.toString(Math.max(1, ceilSeconds(exceededEnd - now))));
            return new Verdict(false, headers);
        }
        headers.put("X-Toast-RateLimit-By", closest.by());
        headers.put("X-Toast-RateLimit-Remaining", Integer.toString(closestRemaining));
        headers.put("X-Toast-RateLimit-Reset", Long.toString(ceilSeconds(closestEnd)));
        return new Verdict(true, headers);
    }

    private int count(String key, long sliceStart) {
        Slice slice = slices.computeIfAbsent(key, k -> new Slice());
        synchronized (slice) {
            if (slice.start != sliceStart) {
                slice.start = sliceStart;
                slice.count = 0;
            }
            return ++slice.count;
        }
    }

    private static long ceilSeconds(long millis) {
        return Math.floorDiv(millis + 999, 1000);
    }
}
