package io.inflow.sandbox.airtable;

import io.inflow.sandbox.http.Request;

/**
 * What every routed request passes before its handler: the bearer token, then the per-token
 * limit, then the base (unknown is 403), then the per-base limit. Authentication comes first, as
 * upstream: an anonymous request never reaches a base and spends none of its budget.
 */
final class AirtableGate {

    private final String token;
    private final AirtableBase base;
    private final AirtableLimits limits;

    AirtableGate(String token, AirtableBase base, AirtableLimits limits) {
        this.token = token;
        this.base = base;
        this.limits = limits;
    }

    /** For calls not bound to a base, such as listing bases. */
    void enter(Request request) {
        authenticate(request);
        limits.admitToken(token);
    }

    AirtableBase enterBase(Request request, String baseId) {
        enter(request);
        if (!base.id().equals(baseId)) {
            throw AirtableError.invalidPermissions();
        }
        limits.admitBase(baseId);
        return base;
    }

    /** Only {@code Authorization: Bearer <token>}: the retired {@code api_key} parameter does not count. */
    private void authenticate(Request request) {
        String header = request.header("Authorization").orElse("");
        boolean bearer = header.regionMatches(true, 0, "Bearer ", 0, 7);
        if (!bearer || !header.substring(7).equals(token)) {
            throw AirtableError.authenticationRequired();
        }
    }
}
