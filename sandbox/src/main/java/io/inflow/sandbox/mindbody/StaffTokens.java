package io.inflow.sandbox.mindbody;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The staff user tokens issued by {@code POST /usertoken/issue}: each valid for the configured lifetime (24 hours
 * upstream), then refused as expired. Tokens are derived from the seed and a counter, so a replayed session gets
 * the same ones.
 */
final class StaffTokens {

    enum State { VALID, EXPIRED, UNKNOWN }

    record Issued(String token, Instant expires) {}

    private final long seed;
    private final Clock clock;
    private final Duration lifetime;
    private final AtomicLong issued = new AtomicLong();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    StaffTokens(long seed, Clock clock, Duration lifetime) {
        this.seed = seed;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    Issued issue() {
        long n = issued.incrementAndGet();
        String token = String.format(Locale.ROOT, "%016x%016x", StudioGenerator.mix(seed ^ 0x7F4A7C15L ^ n),
                StudioGenerator.mix(n * 0x9E3779B97F4A7C15L + seed));
        Instant expires = clock.instant().plus(lifetime);
        expiries.put(token, expires);
        return new Issued(token, expires);
    }

    State check(String token) {
        Instant expires = expiries.get(token);
        if (expires == null) {
            return State.UNKNOWN;
        }
        return clock.instant().isBefore(expires) ? State.VALID : State.EXPIRED;
    }

    /** Ends a token's life now: an expiredToken fault. */
    void expire(String token) {
        expiries.computeIfPresent(token, (key, expires) -> clock.instant());
    }

    long issuedCount() {
        return issued.get();
    }
}
