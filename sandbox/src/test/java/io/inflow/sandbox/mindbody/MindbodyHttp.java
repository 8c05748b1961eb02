package io.inflow.sandbox.mindbody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Real HTTP calls to the sandbox's Mindbody, with the headers a client sends, or without them. */
final class MindbodyHttp {

    static final String V6 = "/mindbody/public/v6";
    static final String KEY = SandboxOptions.DEFAULT_TOKEN;
    static final String CREDENTIALS = "{\"Username\":\"" + MindbodyApi.USERNAME + "\",\"Password\":\"" + MindbodyApi.PASSWORD + "\"}";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;

    MindbodyHttp(Sandbox sandbox) {
        this.baseUrl = sandbox.baseUrl();
    }

    /** A request with {@code Api-Key} and {@code SiteId: -99}; more headers as alternating names and values. */
    HttpRequest.Builder request(String pathAndQuery, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Api-Key", KEY).header("SiteId", "-99");
        for (int i = 0; i < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        return builder;
    }

    /** A request with no header at all. */
    HttpRequest.Builder bare(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery));
    }

    HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> issue(String body) {
        return send(request(V6 + "/usertoken/issue").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    String token() {
        HttpResponse<String> response = issue(CREDENTIALS);
        if (response.statusCode() != 200) {
            throw new AssertionError("token request answered " + response.statusCode() + ": " + response.body());
        }
        return json(response).get("AccessToken").asText();
    }

    /** A GET with the staff token. */
    HttpResponse<String> get(String pathAndQuery, String token) {
        return send(request(pathAndQuery, "Authorization", token));
    }

    /** Follows {@code request.offset} to the end of a list; every page's items. */
    List<JsonNode> all(String pathAndQuery, String collection, String token) {
        List<JsonNode> items = new ArrayList<>();
        int total;
        do {
            HttpResponse<String> response = get(pathAndQuery + "&request.limit=200&request.offset=" + items.size(), token);
            if (response.statusCode() != 200) {
                throw new AssertionError("page answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode page = json(response);
            page.get(collection).forEach(items::add);
            total = page.get("PaginationResponse").get("TotalResults").asInt();
        } while (items.size() < total);
        return items;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String error(String code, String message) {
        return "{\"Error\":{\"Message\":\"" + message + "\",\"Code\":\"" + code + "\"}}";
    }
}
