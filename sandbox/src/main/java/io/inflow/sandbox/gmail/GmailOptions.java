package io.inflow.sandbox.gmail;

import java.time.Duration;

/**
 * How the Gmail fake behaves, as part of {@link io.inflow.sandbox.SandboxOptions}. Start from
 * {@link #defaults()} and change what matters with the {@code withX} methods; each returns a new value.
 *
 * @param messages messages outside Spam and Trash, what a default import reads; Spam and Trash hold
 *                 another 1/32 and 1/96 of that on top
 * @param unitsPerSecond the per-user quota, in Gmail's units per second (a get costs 5); 0 or less: no limit
 * @param overLimitStatus what a call over the quota gets: 429 {@code rateLimitExceeded} or 403
 *                        {@code userRateLimitExceeded}, both seen upstream
 * @param tokenLifetime how long an access token lives; {@code expires_in} says one second less, as Google does
 * @param historyHorizon how long history records are kept; a {@code startHistoryId} older than that is a 404
 * @param emptyLastPage when a listing ends exactly on a page boundary, whether that page still carries a
 *                      {@code nextPageToken} that leads to an empty page (upstream behaviour unverified)
 */
public record GmailOptions(
        int messages,
        int unitsPerSecond,
        int overLimitStatus,
        Duration tokenLifetime,
        Duration historyHorizon,
        boolean emptyLastPage) {

    public static final int DEFAULT_MESSAGES = 4_800;
    public static final int MAX_MESSAGES = 250_000;
    public static final int DEFAULT_UNITS_PER_SECOND = 250;

    public GmailOptions {
        if (messages < 0 || messages > MAX_MESSAGES) {
            throw new IllegalArgumentException("gmail messages must be between 0 and " + MAX_MESSAGES);
        }
        if (overLimitStatus != 429 && overLimitStatus != 403) {
            throw new IllegalArgumentException("gmail overLimitStatus must be 429 or 403");
        }
        if (tokenLifetime == null || tokenLifetime.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("gmail tokenLifetime must be at least one second");
        }
        if (historyHorizon == null || historyHorizon.isNegative()) {
            throw new IllegalArgumentException("gmail historyHorizon must not be negative");
        }
    }

    public static GmailOptions defaults() {
        return new GmailOptions(DEFAULT_MESSAGES, DEFAULT_UNITS_PER_SECOND, 429, Duration.ofSeconds(3_600),
                Duration.ofDays(7), false);
    }

    public GmailOptions withMessages(int count) {
        return new GmailOptions(count, unitsPerSecond, overLimitStatus, tokenLifetime, historyHorizon, emptyLastPage);
    }

    public GmailOptions withUnitsPerSecond(int units) {
        return new GmailOptions(messages, units, overLimitStatus, tokenLifetime, historyHorizon, emptyLastPage);
    }

    public GmailOptions withOverLimitStatus(int status) {
        return new GmailOptions(messages, unitsPerSecond, status, tokenLifetime, historyHorizon, emptyLastPage);
    }

    public GmailOptions withTokenLifetime(Duration lifetime) {
        return new GmailOptions(messages, unitsPerSecond, overLimitStatus, lifetime, historyHorizon, emptyLastPage);
    }

    public GmailOptions withHistoryHorizon(Duration horizon) {
        return new GmailOptions(messages, unitsPerSecond, overLimitStatus, tokenLifetime, horizon, emptyLastPage);
    }

    public GmailOptions withEmptyLastPage(boolean emptyPage) {
        return new GmailOptions(messages, unitsPerSecond, overLimitStatus, tokenLifetime, historyHorizon, emptyPage);
    }
}
