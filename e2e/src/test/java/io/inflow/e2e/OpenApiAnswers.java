package io.inflow.e2e;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Holds every answer of {@code /api/v1} that a test receives to the OpenAPI document the answering server serves
 * ({@code GET /api/v1/openapi.json}), through swagger-request-validator: the operation of its path and method must
 * list its status, and its body and headers must fit that response's schema (an object may carry no property its
 * schema does not name). A path or method the document does not describe (a sandbox's URLs, {@code /metrics}, a
 * test's deliberately wrong path) is not checked: {@code OpenApiDocumentTest} holds the routes to the document.
 */
final class OpenApiAnswers {

    static final String API = "/api/v1/";
    /** What the validator says of a request whose path or method the document does not describe. */
    private static final Set<String> UNDESCRIBED = Set.of("validation.request.path.missing",
            "validation.request.operation.notAllowed");

    /** The document each server serves, by origin, and one validator per distinct document. */
    private static final Map<URI, String> SERVED = new ConcurrentHashMap<>();
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private OpenApiAnswers() {
    }

    /**
     * Checks an answer to a request; throws an {@link AssertionError} naming the method, path and status and what
     * does not fit, so the test that made the call fails.
     */
    static void check(HttpRequest request, int status, HttpHeaders headers, String body) {
        URI uri = request.uri();
        if (uri.getRawPath() == null || !uri.getRawPath().startsWith(API)) {
            return;
        }
        String document = SERVED.computeIfAbsent(origin(uri), OpenApiAnswers::fetch);
        check(document, origin(uri) + API + "openapi.json", request.method(), uri.getRawPath(), status, headers,
                body);
    }

    /** Checks an answer against a document's text; the errors name {@code source} as the document's origin. */
    static void check(String document, String source, String method, String path, int status, HttpHeaders headers,
                      String body) {
        if (body != null && body.isEmpty() && headers.firstValue("Content-Type")
                .filter(type -> type.startsWith("text/event-stream")).isPresent()) {
            return; // an event stream whose body was not read (AnswerBodies); EventsStreamTest reads them
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.map().forEach((name, values) -> {
            if (!name.startsWith(":")) { // HTTP/2's pseudo-headers are not headers of the answer
                response.withHeader(name, values);
            }
        });
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = VALIDATORS.computeIfAbsent(document, OpenApiAnswers::validator)
                .validateResponse(path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), response.build());
        if (report.getMessages().stream().anyMatch(message -> UNDESCRIBED.contains(message.getKey()))
                || !report.hasErrors()) {
            return;
        }
        String problems = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(OpenApiAnswers::describe)
                .collect(Collectors.joining("\n  - ", "  - ", ""));
        throw new AssertionError(method + " " + path + " answered " + status + ", which does not fit the OpenAPI "
                + "document (" + source + "):\n" + problems + "\n  the body: " + abbreviate(body));
    }

    private static String describe(ValidationReport.Message message) {
        String where = message.getContext()
                .flatMap(ValidationReport.MessageContext::getPointers)
                .map(pointers -> "at body" + (pointers.getInstance().isEmpty() ? "" : " " + pointers.getInstance())
                        + " (schema " + pointers.getSchema() + "): ")
                .orElse("");
        String more = message.getAdditionalInfo().isEmpty() ? "" : " " + message.getAdditionalInfo();
        String nested = message.getNestedMessages().stream().map(OpenApiAnswers::describe)
                .collect(Collectors.joining("; "));
        return where + message.getMessage() + more + " [" + message.getKey() + "]"
                + (nested.isEmpty() ? "" : " { " + nested + " }");
    }

    private static OpenApiInteractionValidator validator(String document) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
    }

    private static URI origin(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    private static String fetch(URI origin) {
        URI url = URI.create(origin + API + "openapi.json");
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError("GET " + url + " answered " + answer.statusCode() + ", not the OpenAPI "
                        + "document to check the server's answers with: " + abbreviate(answer.body()));
            }
            return answer.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed, so the server's answers cannot be checked", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String body) {
        if (body == null || body.isEmpty()) {
            return "(none)";
        }
        return body.length() <= 2_000 ? body : body.substring(0, 2_000) + "… (" + body.length() + " characters)";
    }
}
