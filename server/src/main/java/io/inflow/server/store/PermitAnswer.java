package io.inflow.server.store;

import java.time.Instant;

/**
 * What the database answered a call asking for a permit of a rate-limit scope.
 *
 * @param permitId the permit, when the call may go now; else null
 * @param waitMillis how long the call must wait at the least before it asks again (0 with a permit)
 * @param heldUntil when the scope is held after a 429, until when (the database's clock); else null
 * @param heldReason why it is held; null unless held
 */
public record PermitAnswer(Long permitId, long waitMillis, Instant heldUntil, String heldReason) {

    public boolean granted() {
        return permitId != null;
    }
}
