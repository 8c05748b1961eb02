package io.inflow.sandbox.gmail;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The access tokens the fake has issued and when each expires. */
final class AccessTokens {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

    private final Clock clock;
    private final long seed;
    private final AtomicLong issued = new AtomicLong();
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private volatile Duration lifetime;

    AccessTokens(Clock clock, long seed, Duration lifetime) {
        this.clock = clock;
        this.seed = seed;
        this.lifetime = lifetime;
    }

    /** A new token, valid for the lifetime from now. Expired tokens are forgotten on the way. */
    String issue() {
        long now = clock.millis();
        expiries.values().removeIf(expiry -> expiry <= now);
        long n = issued.incrementAndGet();
        StringBuilder token = new StringBuilder("ya29.a0");
        for (int chunk = 0; chunk < 4; chunk++) {
            long bits = Ids.mix(seed ^ Ids.mix(n * 4 + chunk));
            for (int c = 0; c < 10; c++) {
                token.append(ALPHABET.charAt((int) (bits & 63)));
                bits >>>= 6;
            }
        }
        String value = token.toString();
        expiries.put(value, now + lifetime.toMillis());
        return value;
    }

    boolean valid(String token) {
        Long expiry = expiries.get(token);
        return expiry != null && clock.millis() < expiry;
    }

    void revoke(String token) {
        expiries.remove(token);
    }

    /** Every token issued so far stops working, as after an hour. */
    void expireAll() {
        expiries.clear();
    }

    /** {@code expires_in}: one second less than the lifetime, as Google answers 3599 for an hour. */
    long expiresInSeconds() {
        return Math.max(1, lifetime.toSeconds() - 1);
    }

    Duration lifetime() {
        return lifetime;
    }

    void lifetime(Duration value) {
        this.lifetime = value;
    }

    long issuedCount() {
        return issued.get();
    }
}
