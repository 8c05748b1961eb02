package io.inflow.sandbox.airtable;

import java.time.Clock;
import java.time.Duration;

/**
 * Airtable's two documented limits: 5 requests per second per base and 50 per second per token
 * across bases; breaking either answers 429 and locks that base or token out (30 s upstream).
 */
final class AirtableLimits {

    private final RateLimiter perBase;
    private final RateLimiter perToken;
    private volatile int tokenLimit;

    AirtableLimits(Clock clock, int perBase, int perToken, Duration lockout) {
        this.perBase = new RateLimiter(clock, perBase, lockout);
        this.perToken = new RateLimiter(clock, effectiveTokenLimit(perBase, perToken), lockout);
        this.tokenLimit = perToken;
    }

    void admitToken(String token) {
        if (!perToken.admit(token)) {
            throw AirtableError.rateLimited();
        }
    }

    void admitBase(String baseId) {
        if (!perBase.admit(baseId)) {
            throw AirtableError.rateLimited();
        }
    }

    synchronized void update(int perBaseLimit, int perTokenLimit) {
        tokenLimit = perTokenLimit;
        perBase.limitTo(perBaseLimit);
        perToken.limitTo(effectiveTokenLimit(perBaseLimit, perTokenLimit));
    }

    int perBase() {
        return perBase.requestsPerSecond();
    }

    /** The configured per-token limit, even while the per-base one switches it off. */
    int perToken() {
        return tokenLimit;
    }

    void reset() {
        perBase.reset();
        perToken.reset();
    }

    private static int effectiveTokenLimit(int perBase, int perToken) {
        return perBase <= 0 ? 0 : perToken;
    }
}
