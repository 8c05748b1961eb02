package io.inflow.sandbox.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What to do with a request: send {@code response} after {@code delay} (usually none), or, when
 * {@code response} is null, drop the connection without answering at all.
 */
public record Reply(Response response, Duration delay) {

    public Reply {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
    }

    public static Reply now(Response response) {
        return new Reply(Objects.requireNonNull(response, "response"), Duration.ZERO);
    }

    public static Reply after(Duration delay, Response response) {
        return new Reply(Objects.requireNonNull(response, "response"), delay);
    }

    public static Reply drop() {
        return new Reply(null, Duration.ZERO);
    }

    public boolean drops() {
        return response == null;
    }

    /** The status sent; 0 for a dropped connection, which sends none. */
    public int status() {
        return drops() ? 0 : response.status();
    }
}
