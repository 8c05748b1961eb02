package io.inflow.sandbox.mindbody;

import io.inflow.sandbox.http.Request;
import java.util.Optional;

/**
 * What every routed request passes before its handler, in this order: the {@code Api-Key} header, the key's
 * per-second limit and daily quota, then the {@code SiteId} header. A handler then asks for the staff user token
 * where its endpoint needs one (or shows more with one).
 */
final class MindbodyGate {

    private final String apiKey;
    private final CallLimits limits;
    private final StaffTokens tokens;

    MindbodyGate(String apiKey, CallLimits limits, StaffTokens tokens) {
        this.apiKey = apiKey;
        this.limits = limits;
        this.tokens = tokens;
    }

    /** Checks the key, counts the call and checks the site; throws the answer when one fails. */
    void enter(Request request) {
        String key = request.header("Api-Key").orElse("");
        if (key.isBlank()) {
            throw MindbodyError.missingApiKey();
        }
        if (!key.equals(apiKey)) {
            throw MindbodyError.invalidApiKey();
        }
        switch (limits.admit(key)) {
            case RATE_LIMITED -> throw MindbodyError.tooManyRequests();
            case QUOTA_REACHED -> throw MindbodyError.dailyQuotaReached();
            default -> { }
        }
        String site = request.header("SiteId").orElse("").trim();
        if (site.isEmpty()) {
            throw MindbodyError.missingSiteId();
        }
        try {
            if (Integer.parseInt(site) != StudioJson.SITE_ID) {
                throw MindbodyError.invalidSiteId(site);
            }
        } catch (NumberFormatException e) {
            throw MindbodyError.invalidSiteId(site);
        }
    }

    /**
     * Whether the request carries a valid staff user token, as {@code Authorization: <token>} or
     * {@code Authorization: Bearer <token>}. An unknown or expired token is refused even where none is required.
     * An expiredToken fault ends the token's life here.
     *
     * @param required whether the endpoint refuses a request without one
     */
    boolean staff(Request request, boolean required) {
        Optional<String> token = token(request);
        if (token.isEmpty()) {
            if (required) {
                throw MindbodyError.tokenRequired();
            }
            return false;
        }
        switch (tokens.check(token.get())) {
            case UNKNOWN -> throw MindbodyError.invalidToken();
            case EXPIRED -> throw MindbodyError.expiredToken();
            default -> { }
        }
        if (request.faults().expiresIterator()) {
            tokens.expire(token.get());
            throw MindbodyError.expiredToken();
        }
        return true;
    }

    private static Optional<String> token(Request request) {
        String header = request.header("Authorization").orElse("").trim();
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            header = header.substring(7).trim();
        }
        return header.isEmpty() ? Optional.empty() : Optional.of(header);
    }
}
