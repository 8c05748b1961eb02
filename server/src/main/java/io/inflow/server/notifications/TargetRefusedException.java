package io.inflow.server.notifications;

import java.io.IOException;

/** A webhook's host resolved, as a delivery was about to connect, to an address webhooks may not reach. */
final class TargetRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    TargetRefusedException(String message) {
        super(message);
    }
}
