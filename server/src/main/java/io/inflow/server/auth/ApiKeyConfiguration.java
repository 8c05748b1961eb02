package io.inflow.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One API key of {@code auth.keys}: a name (shown as who requested a run), a role and the key's hash as printed by
 * {@code java -jar inflow-server.jar generate-key}. The key itself is never stored.
 */
public record ApiKeyConfiguration(
        @JsonProperty("name") @NotBlank String name,
        @JsonProperty("role") @NotNull @Pattern(regexp = Roles.VIEWER + "|" + Roles.ADMIN,
                message = "must be viewer or admin") String role,
        @JsonProperty("hash") @NotNull @Pattern(regexp = ApiKeyHash.PATTERN,
                message = "must be sha256: and 64 hex digits, as printed by generate-key") String hash) {
}
