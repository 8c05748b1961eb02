package io.inflow.sandbox.airtable;

import io.inflow.sandbox.http.Request;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What every routed request passes before its handler: the bearer token, then the per-token
 * limit, then the base (unknown is 403), then the per-base limit. Authentication comes first, as
 * upstream: an anonymous request never reaches a base and spends none of its budget. Each base
 * has its own limit; the token's spans them all.
 */
final class AirtableGate {

    private final String token;
    private final Map<String, AirtableBase> bases;
    private final AirtableLimits limits;

    AirtableGate(String token, List<AirtableBase> bases, AirtableLimits limits) {
        this.token = token;
        this.bases = bases.stream().collect(Collectors.toUnmodifiableMap(AirtableBase::id, Function.identity()));
        this.limits = limits;
    }

    /** For calls not bound to a base, such as listing bases. */
    void enter(Request request) {
        authenticate(request);
        limits.admitToken(token);
    }

    AirtableBase enterBase(Request request, String baseId) {
        enter(request);
        AirtableBase base = bases.get(baseId);
        if (base == null) {
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
