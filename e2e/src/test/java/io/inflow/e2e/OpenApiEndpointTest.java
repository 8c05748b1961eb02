package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The running server serves its OpenAPI document (its agreement with the code is OpenApiDocumentTest's job), and
 * every answer here is checked against it by {@link Json}, the 406 too.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenApiEndpointTest {

    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { });

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @Test
    void theDocumentIsServedAsOpenApi3() {
        Json.Answer answer = new Json().get(SERVER.api("/openapi.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(answer.body().path("openapi").asText()).matches("3\\.\\d+\\.\\d+");
        assertThat(answer.body().path("paths").has("/api/v1/connections/{id}/check")).isTrue();
        assertThat(answer.body().at("/paths/~1api~1v1~1connections~1{id}/delete/x-required-role").asText())
                .isEqualTo("admin");
    }

    @Test
    void theDocumentAnswersWithoutAKeyAndNamesNo401ForItself() {
        Json.Answer answer = Json.withKey(null).get(SERVER.api("/openapi.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().at("/paths/~1api~1v1~1openapi.json/get/responses").has("401")).isFalse();
    }

    @Test
    void anAcceptThatTakesNoJsonIs406InTheErrorShapeTheDocumentNames() {
        Json.Answer answer = Json.withKey(null).getAccepting(SERVER.api("/openapi.json"), "text/html");

        assertThat(answer.status()).isEqualTo(406);
        assertThat(answer.body().path("code").asText()).isEqualTo("not_acceptable");
    }
}
