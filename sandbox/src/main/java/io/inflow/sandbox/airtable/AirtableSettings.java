package io.inflow.sandbox.airtable;

import java.time.Clock;
import java.time.Duration;

/**
 * How the Airtable fake behaves: its data (seed, record count), the token it accepts, and its
 * limits. A per-base limit of 0 or less switches every limit off, the per-token one included.
 */
public record AirtableSettings(
        long seed,
        int records,
        String token,
        int requestsPerSecond,
        int requestsPerSecondPerToken,
        Duration lockout,
        Duration iteratorTtl,
        Clock clock) {}
