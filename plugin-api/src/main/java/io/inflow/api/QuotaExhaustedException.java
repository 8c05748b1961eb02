package io.inflow.api;

import java.time.Instant;

/**
 * Thrown by {@link UpstreamClient} instead of sending a call when the connection's daily quota is spent. Let it
 * propagate: the host parks the run at its last checkpoint ({@code waiting}) and continues it when the quota
 * window opens again.
 *
 * @since 0.1
 */
public class QuotaExhaustedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Instant windowOpens;

    public QuotaExhaustedException(String message, Instant windowOpens) {
        super(message);
        this.windowOpens = windowOpens;
    }

    /** When calls may be made again. */
    public Instant windowOpens() {
        return windowOpens;
    }
}
