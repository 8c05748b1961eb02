package io.inflow.sandbox.gmail;

import io.inflow.sandbox.SandboxOptions;
import java.time.Clock;

/**
 * Everything the Gmail fake is built from: the seed of its data, the refresh token it accepts (the sandbox's
 * {@code --token}), its own options and the clock.
 */
public record GmailSettings(long seed, String refreshToken, GmailOptions options, Clock clock) {

    public static GmailSettings of(SandboxOptions sandbox) {
        return new GmailSettings(sandbox.seed(), sandbox.token(), sandbox.gmail(), sandbox.clock());
    }
}
