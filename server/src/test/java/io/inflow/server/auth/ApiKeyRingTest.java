package io.inflow.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyRingTest {

    private static final String ADMIN_KEY = "inflow_admin-key-for-this-test-only";
    private static final String VIEWER_KEY = "inflow_viewer-key-for-this-test-only";

    @Test
    void aConfiguredHashAcceptsItsKeyWithItsNameAndRoleAndNothingElse() throws Exception {
        ApiKeyRing ring = ApiKeyRing.of(config(Map.of("keys", List.of(
                Map.of("name", "ops", "role", "admin", "hash", ApiKeyHash.of(ADMIN_KEY)),
                Map.of("name", "grafana", "role", "viewer", "hash", ApiKeyHash.of(VIEWER_KEY))))));

        assertThat(ring.authenticate(ADMIN_KEY)).contains(new ApiKeyPrincipal("ops", "admin"));
        assertThat(ring.authenticate(VIEWER_KEY)).contains(new ApiKeyPrincipal("grafana", "viewer"));
        assertThat(ring.authenticate(ADMIN_KEY + "x")).isEmpty();
        assertThat(ring.authenticate(ADMIN_KEY.substring(1))).isEmpty();
        assertThat(ring.authenticate(ApiKeyHash.of(ADMIN_KEY))).as("the hash is not the key").isEmpty();
        assertThat(ring.authenticate("")).isEmpty();
        assertThat(ring.authenticate(null)).isEmpty();
    }

    @Test
    void theEnvironmentGivesAKeyOrItsHash() throws Exception {
        ApiKeyRing ring = ApiKeyRing.of(config(Map.of("adminKey", ADMIN_KEY,
                "viewerKey", ApiKeyHash.of(VIEWER_KEY).toUpperCase().replace("SHA256:", "sha256:"))));

        assertThat(ring.size()).isEqualTo(2);
        assertThat(ring.authenticate(ADMIN_KEY)).contains(new ApiKeyPrincipal("admin-key", "admin"));
        assertThat(ring.authenticate(VIEWER_KEY)).contains(new ApiKeyPrincipal("viewer-key", "viewer"));
    }

    @Test
    void aServerWithoutKeysOrWithAWeakOneRefusesToStart() {
        assertThatThrownBy(() -> ApiKeyRing.of(config(Map.of())))
                .hasMessageContaining("no API key is configured").hasMessageContaining("INFLOW_ADMIN_KEY")
                .hasMessageContaining("generate-key");
        assertThatThrownBy(() -> ApiKeyRing.of(config(Map.of("adminKey", "secret"))))
                .hasMessageContaining("INFLOW_ADMIN_KEY is too short");
        assertThatThrownBy(() -> ApiKeyRing.of(config(Map.of("keys", List.of(
                Map.of("name", "ops", "role", "admin", "hash", ApiKeyHash.of(ADMIN_KEY)),
                Map.of("name", "ops", "role", "viewer", "hash", ApiKeyHash.of(VIEWER_KEY)))))))
                .hasMessageContaining("two API keys are named 'ops'");
    }

    @Test
    void anAdminHoldsEveryRoleAndAViewerOnlyItsOwn() {
        assertThat(new ApiKeyPrincipal("a", Roles.ADMIN).grants(Roles.VIEWER)).isTrue();
        assertThat(new ApiKeyPrincipal("a", Roles.ADMIN).grants(Roles.ADMIN)).isTrue();
        assertThat(new ApiKeyPrincipal("v", Roles.VIEWER).grants(Roles.VIEWER)).isTrue();
        assertThat(new ApiKeyPrincipal("v", Roles.VIEWER).grants(Roles.ADMIN)).isFalse();
    }

    private static AuthConfiguration config(Map<String, Object> values) throws Exception {
        ObjectMapper json = new ObjectMapper();
        return json.readValue(json.writeValueAsString(values), AuthConfiguration.class);
    }
}
