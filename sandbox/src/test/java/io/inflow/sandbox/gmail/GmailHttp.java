package io.inflow.sandbox.gmail;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxHttp;
import io.inflow.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Real HTTP calls against the sandbox's Gmail, as a client would make them. */
final class GmailHttp {

    static final String USER = "/gmail/gmail/v1/users/me";
    static final String FORM = "grant_type=refresh_token&refresh_token=" + SandboxOptions.DEFAULT_TOKEN
            + "&client_id=" + GmailApi.CLIENT_ID + "&client_secret=" + GmailApi.CLIENT_SECRET;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;

    GmailHttp(Sandbox sandbox) {
        this.baseUrl = sandbox.baseUrl();
    }

    HttpResponse<String> token(String form) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/gmail/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** A fresh access token for the sandbox's refresh token. */
    String accessToken() {
        HttpResponse<String> response = token(FORM);
        if (response.statusCode() != 200) {
            throw new AssertionError("token exchange answered " + response.statusCode() + ": " + response.body());
        }
        return json(response).get("access_token").asText();
    }

    /** GET with {@code Authorization: Bearer <accessToken>}, or no such header when it is null. */
    HttpResponse<String> get(String pathAndQuery, String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return send(request.GET().build());
    }

    HttpResponse<String> send(String method, String pathAndQuery, String accessToken) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Authorization", "Bearer " + accessToken)
                .method(method, HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    static JsonNode json(HttpResponse<String> response) {
        return SandboxHttp.json(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
