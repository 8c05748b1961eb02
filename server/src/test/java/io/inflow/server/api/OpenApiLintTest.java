package io.inflow.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lints {@code openapi.json} with Redocly's recommended rules, as a reader's tools would see it: any error or
 * warning fails the build. The version is pinned so that a new release's rules arrive by a change here, not by
 * surprise.
 */
class OpenApiLintTest {

    static final String REDOCLY = "@redocly/cli@2.77.0";
    private static final Path DOCUMENT = Path.of("src/main/resources/io/inflow/server/api", OpenApiDocument.RESOURCE);

    @Test
    void theDocumentHasNoLintErrorOrWarningUnderTheRecommendedRules(@TempDir Path scratch) throws Exception {
        assertThat(onPath("npx")).as("npx is not on the PATH, so the OpenAPI document cannot be linted. Install it with: "
                + "apt-get install -y npm (Debian; .ci/run does so), or any Node.js that brings npx").isTrue();
        assertThat(DOCUMENT).as("run from the server module's folder").isRegularFile();
        Path output = scratch.resolve("lint.json");
        Path errors = scratch.resolve("lint.err");
        // from a folder without a redocly.yaml, with the rule set named, so no local configuration can soften it
        Process lint = new ProcessBuilder("npx", "--yes", REDOCLY, "lint", "--format=json", "--extends=recommended",
                DOCUMENT.toAbsolutePath().toString())
                .directory(scratch.toFile())
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        if (!lint.waitFor(5, TimeUnit.MINUTES)) {
            lint.destroyForcibly();
            fail("npx " + REDOCLY + " lint did not finish in 5 minutes");
        }

        JsonNode report = parse(output, errors, lint.exitValue());
        List<String> problems = new ArrayList<>();
        report.path("problems").forEach(problem -> problems.add(problem.path("severity").asText() + " "
                + problem.path("ruleId").asText() + " at " + problem.at("/location/0/pointer").asText() + ": "
                + problem.path("message").asText()));
        assertThat(problems).as("%s lint of %s (totals %s)", REDOCLY, DOCUMENT, report.path("totals")).isEmpty();
        assertThat(report.at("/totals/errors").asInt(-1)).isZero();
        assertThat(report.at("/totals/warnings").asInt(-1)).isZero();
        assertThat(lint.exitValue()).isZero();
    }

    @Test
    void theReadmeNamesTheLinterAndTheVersionThisTestRuns() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);

        assertThat(readme).contains("npx " + REDOCLY + " lint").contains("swagger-request-validator");
    }

    private static JsonNode parse(Path output, Path errors, int exit) throws IOException {
        String json = Files.readString(output, StandardCharsets.UTF_8);
        try {
            JsonNode report = new ObjectMapper().readTree(json);
            if (report != null && report.has("totals")) {
                return report;
            }
        } catch (IOException notJson) {
            // reported below with what the linter said
        }
        throw new AssertionError("npx " + REDOCLY + " lint (exit " + exit + ") wrote no JSON report: "
                + json + "\n" + Files.readString(errors, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, command))) {
                return true;
            }
        }
        return false;
    }
}
