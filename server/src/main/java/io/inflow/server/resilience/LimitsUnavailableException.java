package io.inflow.server.resilience;

import java.io.IOException;

/**
 * The database that keeps a scope's shared rate limit, or a connection's daily quota, did not answer: no request
 * was sent, as none may go without its permit and its count. The call tries again within its retry budget, as it
 * would after a failed request.
 */
final class LimitsUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param what what the database keeps, e.g. "the rate limit of airtable:…" */
    LimitsUnavailableException(String what, Throwable cause) {
        super(what + " is kept in the database, which did not answer; no request was sent", cause);
    }
}
