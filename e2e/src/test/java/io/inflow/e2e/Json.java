package io.inflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A tiny JSON-over-HTTP client for tests: every call answers the status and the parsed body. It sends an API key
 * as {@code Authorization: Bearer}: the admin key unless made with {@link #withKey} ({@code null}: no header).
 * Every answer of {@code /api/v1} must fit the OpenAPI document the server serves ({@link OpenApiAnswers}): one
 * that does not fails the call with what does not fit.
 */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String apiKey;

    Json() {
        this(TestKeys.ADMIN);
    }

    private Json(String apiKey) {
        this.apiKey = apiKey;
    }

    /** A client sending {@code apiKey}, or no key at all when it is {@code null}. */
    static Json withKey(String apiKey) {
        return new Json(apiKey);
    }

    record Answer(int status, JsonNode body, java.net.http.HttpHeaders headers) {
    }

    Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    /** A GET that asks for {@code mediaType} in its {@code Accept} header. */
    Answer getAccepting(String url, String mediaType) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", mediaType).GET().build());
    }

    Answer post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Answer post(String url, JsonNode json) {
        return post(url, json.toString());
    }

    Answer delete(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).DELETE().build());
    }

    Answer put(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer send(HttpRequest unsigned) {
        HttpRequest request = apiKey == null ? unsigned
                : HttpRequest.newBuilder(unsigned, (name, value) -> true)
                        .header("Authorization", "Bearer " + apiKey).build();
        try {
            HttpResponse<String> response = http.send(request, AnswerBodies.textButNotEventStreams());
            String body = response.body();
            OpenApiAnswers.check(request, response.statusCode(), response.headers(), body);
            return new Answer(response.statusCode(), body == null || body.isBlank() ? MAPPER.missingNode()
                    : MAPPER.readTree(body), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
