package io.inflow.sandbox.toast;

import io.inflow.sandbox.http.Request;
import java.util.Map;

/**
 * What every orders request passes before its handler, in this order: a valid bearer token (401), Toast's rate
 * limits (429), then the {@code Toast-Restaurant-External-ID} header (400 when missing, 403 for a restaurant the
 * client may not read). An {@code expiredToken} fault makes a valid token expire just before it is checked.
 */
final class ToastGate {

    static final String RESTAURANT_HEADER = "Toast-Restaurant-External-ID";

    private final TokenStore tokens;
    private final ToastLimits limits;

    ToastGate(TokenStore tokens, ToastLimits limits) {
        this.tokens = tokens;
        this.limits = limits;
    }

    /** Lets the request through, answering the rate-limit headers its answer carries, or throws the refusal. */
    Map<String, String> enter(Request request, boolean ordersBulk) {
        String token = bearer(request);
        if (token == null || !tokens.isValid(token)) {
            throw ToastError.unauthenticated();
        }
        if (request.faults().expiresIterator()) {
            tokens.revoke(token);
            throw ToastError.unauthenticated();
        }
        String restaurant = request.header(RESTAURANT_HEADER).orElse(null);
        ToastLimits.Verdict verdict = limits.admit(Restaurant.CLIENT_ID, restaurant, ordersBulk);
        if (!verdict.admitted()) {
            throw ToastError.rateLimited(verdict.headers());
        }
        if (restaurant == null || restaurant.isBlank()) {
            throw ToastError.badRequest("Missing required header " + RESTAURANT_HEADER).withHeaders(verdict.headers());
        }
        if (!restaurant.equals(Restaurant.GUID)) {
            throw ToastError.restaurantDenied(restaurant).withHeaders(verdict.headers());
        }
        return verdict.headers();
    }

    private static String bearer(Request request) {
        String header = request.header("Authorization").orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
