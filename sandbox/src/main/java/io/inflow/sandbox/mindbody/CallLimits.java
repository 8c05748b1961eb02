package io.inflow.sandbox.mindbody;

import io.inflow.sandbox.mindbody.MindbodyOptions.OverQuota;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * What one API key may call: at most R calls in any second (every arriving call counts, refused ones too), and
 * its daily quota, counted per UTC day. Past the quota a call is billed (answered, counted as overage) or
 * refused, as configured.
 */
final class CallLimits {

    /** How a call fared against the limits. */
    enum Verdict { ADMITTED, BILLED_OVERAGE, RATE_LIMITED, QUOTA_REACHED }

    private static final long WINDOW_MILLIS = 1_000;

    private final Clock clock;
    private final Map<String, ArrayDeque<Long>> arrivals = new HashMap<>();
    private final Map<String, Long> callsToday = new HashMap<>();
    private volatile int requestsPerSecond;
    private volatile int dailyQuota;
    private volatile OverQuota overQuota;
    private LocalDate day;
    private long overage;

    CallLimits(Clock clock, int requestsPerSecond, int dailyQuota, OverQuota overQuota) {
        this.clock = clock;
        this.requestsPerSecond = requestsPerSecond;
        this.dailyQuota = dailyQuota;
        this.overQuota = overQuota;
    }

    synchronized Verdict admit(String apiKey) {
        long now = clock.millis();
        int limit = requestsPerSecond;
        if (limit > 0) {
            ArrayDeque<Long> window = arrivals.computeIfAbsent(apiKey, key -> new ArrayDeque<>());
            window.addLast(now);
            while (!window.isEmpty() && window.peekFirst() <= now - WINDOW_MILLIS) {
                window.removeFirst();
            }
            if (window.size() > limit) {
                return Verdict.RATE_LIMITED;
            }
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!today.equals(day)) {
            day = today;
            callsToday.clear();
        }
        long calls = callsToday.merge(apiKey, 1L, Long::sum);
        if (calls <= dailyQuota) {
            return Verdict.ADMITTED;
        }
        if (overQuota == OverQuota.BLOCK) {
            callsToday.merge(apiKey, -1L, Long::sum);
            return Verdict.QUOTA_REACHED;
        }
        overage++;
        return Verdict.BILLED_OVERAGE;
    }

    /** Calls counted today (UTC) for this key. */
    synchronized long callsToday(String apiKey) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return today.equals(day) ? callsToday.getOrDefault(apiKey, 0L) : 0;
    }

    /** Calls answered beyond the daily quota, billed, since the last reset. */
    synchronized long overage() {
        return overage;
    }

    synchronized void update(int requestsPerSecond, int dailyQuota, OverQuota overQuota) {
        this.requestsPerSecond = requestsPerSecond;
        this.dailyQuota = dailyQuota;
        this.overQuota = overQuota;
        arrivals.clear();
    }

    int requestsPerSecond() {
        return requestsPerSecond;
    }

    int dailyQuota() {
        return dailyQuota;
    }

    OverQuota overQuota() {
        return overQuota;
    }

    /** Forgets arrivals, today's calls and the overage count. */
    synchronized void reset() {
        arrivals.clear();
        callsToday.clear();
        overage = 0;
    }
}
