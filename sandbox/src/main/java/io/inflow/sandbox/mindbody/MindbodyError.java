package io.inflow.sandbox.mindbody;

import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.Response;

/**
 * An error answer in Mindbody's shape, {@code {"Error":{"Message":"...","Code":"..."}}}. The envelope and the
 * codes are Mindbody's; which status goes with which code, and the messages, are best guesses (see the
 * sandbox README) except where noted.
 */
final class MindbodyError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Object body;
    private final boolean violation;

    private MindbodyError(int status, Object body, String summary, boolean violation) {
        super(summary, null, false, false);
        this.status = status;
        this.body = body;
        this.violation = violation;
    }

    private MindbodyError(int status, Object body, String summary) {
        this(status, body, summary, false);
    }

    static MindbodyError of(int status, String code, String message) {
        return new MindbodyError(status, Json.fields("Error", Json.fields("Message", message, "Code", code)), code);
    }

    private static MindbodyError violation(String message) {
        return new MindbodyError(429, Json.fields("Error", Json.fields("Message", message, "Code", "TooManyRequests")),
                "TooManyRequests", true);
    }

    static MindbodyError missingApiKey() {
        return of(401, "DeniedAccess", "Missing API key. Send your API key in the Api-Key header.");
    }

    static MindbodyError invalidApiKey() {
        return of(401, "DeniedAccess", "Invalid API key.");
    }

    static MindbodyError missingSiteId() {
        return of(400, "InvalidSiteId", "The SiteId header is required.");
    }

    static MindbodyError invalidSiteId(String siteId) {
        return of(400, "InvalidSiteId", "Invalid SiteId: " + siteId + ".");
    }

    /** The answer community code reports for a wrong staff username or password. */
    static MindbodyError staffAuthenticationFailed() {
        return of(401, "DeniedAccess", "Staff identity authentication failed.");
    }

    static MindbodyError tokenRequired() {
        return of(401, "DeniedAccess", "Authorization is required: send a staff user token in the Authorization header.");
    }

    static MindbodyError invalidToken() {
        return of(401, "DeniedAccess", "The access token is invalid.");
    }

    static MindbodyError expiredToken() {
        return of(401, "DeniedAccess", "The access token has expired.");
    }

    static MindbodyError invalidParameter(String message) {
        return of(400, "InvalidParameter", message);
    }

    /** A call beyond the per-second limit: a violation. Status 429 and the message are unverified. */
    static MindbodyError tooManyRequests() {
        return violation("Too many requests. Please try again later.");
    }

    /** A call beyond the daily quota when the fake blocks them: a violation. Unverified. */
    static MindbodyError dailyQuotaReached() {
        return violation("The daily call limit of this API key has been reached.");
    }

    /** The same 429 sent as an injected fault: the client broke no limit. */
    static MindbodyError injectedTooManyRequests() {
        return of(429, "TooManyRequests", "Too many requests. Please try again later.");
    }

    static MindbodyError serverError() {
        return of(500, "Unknown", "An error has occurred.");
    }

    /** ASP.NET Web API's own answer for a path it does not route: not Mindbody's envelope. */
    static MindbodyError notFound(String path) {
        return new MindbodyError(404, Json.fields("Message", "No HTTP resource was found that matches the request URI '"
                + "https://api.mindbodyonline.com" + path + "'."), "NotFound");
    }

    /** ASP.NET Web API's own answer for a known path asked with another method. */
    static MindbodyError methodNotAllowed(String method) {
        return new MindbodyError(405, Json.fields("Message", "The requested resource does not support http method '"
                + method + "'."), "MethodNotAllowed");
    }

    int status() {
        return status;
    }

    /** Whether the call that got this answer broke one of the API's limits. */
    boolean violation() {
        return violation;
    }

    Response toResponse() {
        return Response.json(status, body);
    }
}
