package io.inflow.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * {@code auth}: the API keys, and which monitoring endpoints answer without one. At least one key is required:
 * the server refuses to start with none rather than serve an open API.
 */
public class AuthConfiguration {

    @Valid
    @NotNull
    @JsonProperty
    private List<ApiKeyConfiguration> keys = List.of();

    /** An admin key or its hash ({@code INFLOW_ADMIN_KEY}). */
    @JsonProperty
    private String adminKey = "";

    /** A viewer key or its hash ({@code INFLOW_VIEWER_KEY}). */
    @JsonProperty
    private String viewerKey = "";

    /** {@code GET /api/v1/health} on the application port answers without a key. */
    @JsonProperty
    private boolean openHealth = false;

    /** {@code GET /metrics} on the application port (when enabled) answers without a key. */
    @JsonProperty
    private boolean openMetrics = false;

    /** Dropwizard's admin port (health checks, metrics, ping, threads) asks for a key too. */
    @JsonProperty
    private boolean protectAdminPort = false;

    public List<ApiKeyConfiguration> keys() {
        return keys;
    }

    public String adminKey() {
        return adminKey;
    }

    public String viewerKey() {
        return viewerKey;
    }

    public boolean openHealth() {
        return openHealth;
    }

    public boolean openMetrics() {
        return openMetrics;
    }

    public boolean protectAdminPort() {
        return protectAdminPort;
    }
}
