package io.inflow.sandbox.airtable;

import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.Response;
import java.util.List;

/**
 * An error answer in Airtable's own shapes. Bodies marked unverified are best guesses: the
 * published docs name the status or the type but show no example.
 */
public final class AirtableError extends RuntimeException {

    static final String INVALID_PERMISSIONS_MESSAGE = "Invalid permissions, or the requested model was not found. Check that both "
            + "your user and your token have the required permissions, and that the model names and/or ids are correct.";
    static final String INVALID_REQUEST_MESSAGE = "Invalid request: parameter validation failed. Check your request data.";

    private final int status;
    private final transient Object body;

    private AirtableError(int status, Object body, String summary) {
        super(summary, null, false, false);
        this.status = status;
        this.body = body;
    }

    static AirtableError typed(int status, String type, String message) {
        return new AirtableError(status, Json.fields("error", Json.fields("type", type, "message", message)), type);
    }

    static AirtableError authenticationRequired() {
        return typed(401, "AUTHENTICATION_REQUIRED", "Authentication required");
    }

    /** For an unknown base, and for writes, which the sandbox token's read-only scopes do not allow. */
    static AirtableError invalidPermissions() {
        return typed(403, "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", INVALID_PERMISSIONS_MESSAGE);
    }

    /** Status unverified: some clients report 403 for unknown tables instead. */
    static AirtableError tableNotFound(String table, String baseId) {
        return typed(404, "TABLE_NOT_FOUND", "Could not find table " + table + " in application " + baseId);
    }

    /** Type and message unverified. */
    static AirtableError recordNotFound(String recordId) {
        return typed(404, "MODEL_ID_NOT_FOUND", "Could not find record " + recordId);
    }

    static AirtableError invalidRequest() {
        return typed(422, "INVALID_REQUEST_UNKNOWN", INVALID_REQUEST_MESSAGE);
    }

    static AirtableError unknownField(String name) {
        return typed(422, "UNKNOWN_FIELD_NAME", "Unknown field name: \"" + name + "\"");
    }

    static AirtableError viewNotFound(String view) {
        return typed(422, "VIEW_NAME_NOT_FOUND", "Could not find view " + view);
    }

    static AirtableError invalidFormula(String reason) {
        return typed(422, "INVALID_FILTER_BY_FORMULA", "The formula for filtering records is invalid: " + reason);
    }

    /** Type unverified. */
    static AirtableError invalidOffset() {
        return typed(422, "INVALID_OFFSET_VALUE", "The value of offset is invalid");
    }

    static AirtableError iteratorNotAvailable() {
        return typed(422, "LIST_RECORDS_ITERATOR_NOT_AVAILABLE",
                "The list records iterator is no longer available. Restart the listing from the first page.");
    }

    /** Shape unverified; the message is the documented one. No Retry-After header: none is documented. */
    static AirtableError rateLimited() {
        return new AirtableError(429,
                Json.fields("errors", List.of(Json.fields(
                        "error", "RATE_LIMIT_REACHED", "message", "Rate limit exceeded. Please try again later"))),
                "RATE_LIMIT_REACHED");
    }

    /** Airtable's own 500, as an injected fault sends it; message unverified. */
    static AirtableError serverError() {
        return typed(500, "SERVER_ERROR", "Server error");
    }

    /** The string form Airtable uses for paths it does not route. */
    static AirtableError notFound() {
        return new AirtableError(404, Json.fields("error", "NOT_FOUND"), "NOT_FOUND");
    }

    /** Airtable refuses URLs of 16,000 characters or more; status and body unverified. */
    static AirtableError urlTooLong() {
        return typed(414, "URL_TOO_LONG",
                "The request URL is too long. Send the parameters in the body of POST .../listRecords instead.");
    }

    /** Type unverified. */
    static AirtableError invalidJsonBody() {
        return typed(400, "INVALID_REQUEST_BODY", "The request body could not be parsed as JSON");
    }

    public int status() {
        return status;
    }

    public Response toResponse() {
        return Response.json(status, body);
    }
}
