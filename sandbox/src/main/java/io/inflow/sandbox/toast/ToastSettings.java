package io.inflow.sandbox.toast;

import java.time.Clock;

/**
 * How the Toast fake behaves: its data (seed), the client secret it accepts (the sandbox's token), its limits and
 * token lifetime, and the clock it reads.
 */
public record ToastSettings(long seed, String clientSecret, ToastOptions options, Clock clock) {}
