package io.inflow.server.resilience;

import java.io.IOException;

/** A call that got no answer: the message says where to and why, in words an operator can act on. */
final class UpstreamUnreachableException extends IOException {

    private static final long serialVersionUID = 1L;

    UpstreamUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
