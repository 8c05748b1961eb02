package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.server.api.OpenApiDocument;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The check every e2e answer of {@code /api/v1} goes through ({@link OpenApiAnswers}, called by {@link Json}), on
 * answers made up here: it must let a fitting answer pass and fail one that does not fit, saying where.
 */
class OpenApiAnswersTest {

    private static final String DOCUMENT = OpenApiDocument.load().json();
    private static final HttpHeaders JSON = HttpHeaders.of(Map.of("Content-Type", List.of("application/json")),
            (name, value) -> true);
    private static final String NOT_FOUND = "{\"code\":\"connection_not_found\",\"message\":\"no connection 7\","
            + "\"details\":{}}";

    @Test
    void anAnswerThatFitsItsOperationAndStatusPasses() {
        assertThatCode(() -> check("GET", "/api/v1/connections/7", 404, NOT_FOUND)).doesNotThrowAnyException();
        assertThatCode(() -> check("DELETE", "/api/v1/connections/7", 204, null)).doesNotThrowAnyException();
    }

    @Test
    void aPropertyTheSchemaDoesNotNameFailsWithThePathStatusAndProperty() {
        assertThatThrownBy(() -> check("GET", "/api/v1/connections/7", 404,
                NOT_FOUND.replace("}}", "},\"trace\":\"at io.inflow...\"}")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /api/v1/connections/7 answered 404")
                .hasMessageContaining("trace");
    }

    @Test
    void aStatusTheOperationDoesNotListFails() {
        assertThatThrownBy(() -> check("GET", "/api/v1/openapi.json", 401, NOT_FOUND))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /api/v1/openapi.json answered 401")
                .hasMessageContaining("status 401 not defined");
    }

    @Test
    void aValueOfTheWrongTypeFailsAtItsPlaceInTheBody() {
        assertThatThrownBy(() -> check("POST", "/api/v1/connections", 400, "{\"code\":\"invalid_config\","
                + "\"message\":\"m\",\"details\":{\"errors\":[{\"field\":\"config.baseId\",\"message\":3}]}}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("POST /api/v1/connections answered 400")
                .hasMessageContaining("/details/errors/0/message");
    }

    @Test
    void aNullObjectPassesWhereTheDocumentSaysItMayBeNullAndNowhereElse() {
        String stats = "{\"connection\":7,\"plugin\":\"airtable\",\"records\":{},\"deleted\":{},"
                + "\"openDeadLetters\":0,\"quota\":null,\"stats\":{},\"expected\":[]}";
        assertThatCode(() -> check("GET", "/api/v1/connections/7/stats", 200, stats)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check("GET", "/api/v1/connections/7/stats", 200,
                stats.replace("\"stats\":{}", "\"stats\":null")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/stats");
    }

    @Test
    void whatTheDocumentDoesNotDescribeIsNotChecked() {
        assertThatCode(() -> check("GET", "/api/v1/no-such-thing", 404, "not JSON at all"))
                .doesNotThrowAnyException();
        assertThatCode(() -> check("PATCH", "/api/v1/connections/7", 405, "{}")).doesNotThrowAnyException();
        assertThatCode(() -> OpenApiAnswers.check(HttpRequest.newBuilder(URI.create(
                "http://localhost:1/admin/faults")).GET().build(), 500, JSON, "<html>"))
                .as("a sandbox's URL: not even the document is fetched").doesNotThrowAnyException();
    }

    private static void check(String method, String path, int status, String body) {
        OpenApiAnswers.check(DOCUMENT, "openapi.json", method, path, status,
                body == null ? HttpHeaders.of(Map.of(), (name, value) -> true) : JSON, body);
    }
}
