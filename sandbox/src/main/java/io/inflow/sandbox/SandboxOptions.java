package io.inflow.sandbox;

import io.inflow.sandbox.airtable.AirtableSettings;
import io.inflow.sandbox.airtable.ConversationFigures;
import io.inflow.sandbox.faults.FaultProfile;
import io.inflow.sandbox.gmail.GmailOptions;
import io.inflow.sandbox.mindbody.MindbodyOptions;
import io.inflow.sandbox.toast.ToastOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run a sandbox. Start from {@link #defaults()} and change what matters with the
 * {@code withX} methods; each returns a new value.
 *
 * @param port 0 picks a free port
 * @param airtableRequestsPerSecond Airtable's per-base limit; 0 or less switches every Airtable limit off
 * @param airtableRequestsPerSecondPerToken Airtable's limit across bases for one token
 * @param airtableLockout how long a base or token stays refused after breaking a limit
 * @param airtableIteratorTtl how long an idle {@code offset} stays usable
 * @param clock what the fakes read the time from; tests pass one they can move
 * @param faults the fault profile in force when the sandbox starts; {@link FaultProfile#NONE} by default
 * @param toast the Toast fake's limits and token lifetime
 * @param gmail the Gmail fake's mailbox size, quota, token lifetime and history horizon
 * @param mindbody the Mindbody fake's per-second limit, daily quota and token lifetime
 */
public record SandboxOptions(
        int port,
        long seed,
        String token,
        int airtableRequestsPerSecond,
        int airtableRequestsPerSecondPerToken,
        Duration airtableLockout,
        Duration airtableIteratorTtl,
        int airtableRecords,
        int threads,
        Clock clock,
        FaultProfile faults,
        ToastOptions toast,
        GmailOptions gmail,
        MindbodyOptions mindbody) {

    public static final int DEFAULT_PORT = 9090;
    public static final long DEFAULT_SEED = 42;
    public static final String DEFAULT_TOKEN = "sandbox-token";

    public SandboxOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        requirePositive(airtableLockout, "airtableLockout");
        requirePositive(airtableIteratorTtl, "airtableIteratorTtl");
        if (airtableRecords < 1) {
            throw new IllegalArgumentException("airtableRecords must be positive");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive");
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(gmail, "gmail");
        Objects.requireNonNull(toast, "toast");
        Objects.requireNonNull(mindbody, "mindbody");
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions(DEFAULT_PORT, DEFAULT_SEED, DEFAULT_TOKEN, 5, 50, Duration.ofSeconds(30),
                Duration.ofMinutes(5), ConversationFigures.DEFAULT_RECORDS, 16, Clock.systemUTC(), FaultProfile.NONE,
                ToastOptions.defaults(), GmailOptions.defaults(), MindbodyOptions.defaults());
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(port, seed, token, airtableRequestsPerSecond, airtableRequestsPerSecondPerToken,
                airtableLockout, airtableIteratorTtl, airtableRecords, threads, clock, faults, toast, gmail, mindbody);
    }

    public SandboxOptions withSeed(long seed) {
        return new SandboxOptions(port, seed, token, airtableRequestsPerSecond, airtableRequestsPerSecondPerToken,
                airtableLockout, airtableIteratorTtl, airtableRecords, threads, clock, faults, toast, gmail, mindbody);
    }

    public SandboxOptions withToken(String token) {
        return new SandboxOptions(port, seed, token, airtableRequestsPerSecond, airtableRequestsPerSecondPerToken,
                airtableLockout, airtableIteratorTtl, airtableRecords, threads, clock, faults, toast, gmail, mindbody);
    }

    public SandboxOptions withAirtableRequestsPerSecond(int requestsPerSecond) {
        return new SandboxOptions(port, seed, token, requestsPerSecond, airtableRequestsPerSecondPerToken,
                airtableLockout, airtableIteratorTtl, airtableRecords, threads, clock, faults, toast, gmail, mindbody);
    }

    public SandboxOptions withAirtableRequestsPerSecondPerToken(int requestsPerSecond) {
        return new SandboxOptions(port, seed, token, airtableRequestsPerSecond, requestsPerSecond,
                airtableLockout, airtableIteratorTtl, airtableRecords, threads, clock, faults, toast, gmail, mindbody);
    }

    public SandboxOptions withAirtableLockout(Duration lockout) {
        return new SandboxOptions(port, seed, token, airtableRequestsPerSecond, airtableRequestsPerSecondPerToken,
                lockout, airtableIteratorTtl, airtableRecords, threads, clock, faults, toast, gmail, mindbody);
    }

    public SandboxOptions withAirtableIteratorTtl(Duration ttl) {
        return new SandboxOptions(port, seed, token, airtableRequestsPerSecond, airtableRequestsPerSecondPerToken,
                airtableLockout, ttl, airtableRecords, threads, clock, faults, toast, gmail, mindbody);
    }

    public SandboxOptions withAirtableRecords(int records) {
        return new SandboxOptions(port, seed, token, airtableRequestsPerSecond, airtableRequestsPerSecondPerToken,
                airtableLockout, airtableIteratorTtl, records, threads, clock, faults, toast, gmail, mindbody);
    }

    public SandboxOptions withThreads(int threads) {
        return new SandboxOptions(port, seed, token, airtableRequestsPerSecond, airtableRequestsPerSecondPerToken,
                airtableLockout, airtableIteratorTtl, airtableRecords, threads, clock, faults, toast, gmail, mindbody);
    }

    public SandboxOptions withClock(Clock clock) {
        return new SandboxOptions(port, seed, token, airtableRequestsPerSecond, airtableRequestsPerSecondPerToken,
                airtableLockout, airtableIteratorTtl, airtableRecords, threads, clock, faults, toast, gmail, mindbody);
    }

    public SandboxOptions withFaults(FaultProfile faults) {
        return new SandboxOptions(port, seed, token, airtableRequestsPerSecond, airtableRequestsPerSecondPerToken,
                airtableLockout, airtableIteratorTtl, airtableRecords, threads, clock, faults, toast, gmail, mindbody);
    }

    public SandboxOptions withToast(ToastOptions toast) {
        return new SandboxOptions(port, seed, token, airtableRequestsPerSecond, airtableRequestsPerSecondPerToken,
                airtableLockout, airtableIteratorTtl, airtableRecords, threads, clock, faults, toast, gmail, mindbody);
    }

    /** Toast's ordersBulk limit per location; 0 or less switches every Toast limit off. */
    public SandboxOptions withToastRequestsPerSecond(int requestsPerSecond) {
        return withToast(toast.withRequestsPerSecond(requestsPerSecond));
    }

    public SandboxOptions withGmail(GmailOptions gmail) {
        return new SandboxOptions(port, seed, token, airtableRequestsPerSecond, airtableRequestsPerSecondPerToken,
                airtableLockout, airtableIteratorTtl, airtableRecords, threads, clock, faults, toast, gmail, mindbody);
    }

    /** Messages outside Spam and Trash in the Gmail fake's mailbox (4,800 by default). */
    public SandboxOptions withGmailMessages(int messages) {
        return withGmail(gmail.withMessages(messages));
    }

    /** Gmail's per-user quota in units per second (250 by default); 0 or less switches it off. */
    public SandboxOptions withGmailUnitsPerSecond(int unitsPerSecond) {
        return withGmail(gmail.withUnitsPerSecond(unitsPerSecond));
    }

    public SandboxOptions withGmailTokenLifetime(Duration lifetime) {
        return withGmail(gmail.withTokenLifetime(lifetime));
    }

    public SandboxOptions withMindbody(MindbodyOptions mindbody) {
        return new SandboxOptions(port, seed, token, airtableRequestsPerSecond, airtableRequestsPerSecondPerToken,
                airtableLockout, airtableIteratorTtl, airtableRecords, threads, clock, faults, toast, gmail, mindbody);
    }

    /** Mindbody calls per second per API key (10 by default, an assumption); 0 or less switches the limit off. */
    public SandboxOptions withMindbodyRequestsPerSecond(int requestsPerSecond) {
        return withMindbody(mindbody.withRequestsPerSecond(requestsPerSecond));
    }

    AirtableSettings airtable() {
        return new AirtableSettings(seed, airtableRecords, token, airtableRequestsPerSecond, airtableRequestsPerSecondPerToken,
                airtableLockout, airtableIteratorTtl, clock);
    }
}
