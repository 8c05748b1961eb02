package io.inflow.sandbox.toast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Real HTTP calls against the sandbox's Toast, as a Toast client would make them. */
final class ToastHttp {

    static final String LOGIN = "/toast/authentication/v1/authentication/login";
    static final String BULK = "/toast/orders/v2/ordersBulk";
    static final String CREDENTIALS = "{\"clientId\":\"" + Restaurant.CLIENT_ID + "\",\"clientSecret\":\""
            + SandboxOptions.DEFAULT_TOKEN + "\",\"userAccessType\":\"TOAST_MACHINE_CLIENT\"}";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;

    ToastHttp(Sandbox sandbox) {
        this.baseUrl = sandbox.baseUrl();
    }

    HttpResponse<String> login(String body) {
        return login(body, "application/json");
    }

    HttpResponse<String> login(String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + LOGIN)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A fresh login's access token. */
    String token() {
        HttpResponse<String> response = login(CREDENTIALS);
        if (response.statusCode() != 200) {
            throw new AssertionError("login answered " + response.statusCode() + ": " + response.body());
        }
        return json(response).path("token").path("accessToken").asText();
    }

    /** {@code GET /ordersBulk?query} as the restaurant's client. */
    HttpResponse<String> bulk(String token, String query) {
        return get(BULK + "?" + query, headers(token, Restaurant.GUID));
    }

    HttpResponse<String> get(String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery));
        headers.forEach(builder::header);
        return send(builder.GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Bearer token and restaurant header; either may be null to leave it out. */
    static Map<String, String> headers(String token, String restaurant) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (restaurant != null) {
            headers.put("Toast-Restaurant-External-ID", restaurant);
        }
        return headers;
    }

    /** {@code startDate=...&endDate=...} in Toast's form, URL-encoded. */
    static String window(Instant start, Instant end) {
        return "startDate=" + encode(ToastTime.format(start.toEpochMilli())) + "&endDate="
                + encode(ToastTime.format(end.toEpochMilli()));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
