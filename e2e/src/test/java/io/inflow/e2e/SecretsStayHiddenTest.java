package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Secret configuration values (the fields a plugin's schema marks secret) and API keys never leave the server: not
 * in any response, and not in the log, even when a wrong secret makes imports and checks fail. The log is captured
 * from the root logger, with Inflow's own loggers at DEBUG.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Isolated // it reads every line the JVM logs
class SecretsStayHiddenTest {

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(2_000).withAirtableRequestsPerSecondPerToken(10_000));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("logging.level", "INFO"));
    private static final SandboxAdmin SANDBOX_ADMIN = new SandboxAdmin(SANDBOX);
    private static final Imports IMPORTS = new Imports(SERVER);
    private static final Json ADMIN = new Json();
    private static final String WRONG_TOKEN = "patWRONGtokenTHATmustNEVERshow.0123456789abcdef";
    private static CapturedLog log;

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @BeforeAll
    static void captureTheLog() {
        log = CapturedLog.listen(Level.DEBUG);
    }

    @AfterAll
    static void stop() {
        log.close();
        SANDBOX.close();
    }

    @Test
    void secretsAppearInNoResponseAndNoLogLine() {
        ObjectNode good = Imports.airtableConnection(SANDBOX_ADMIN.connections(), "secret-good",
                "requestsPerSecond", "1000");
        String token = good.path("config").path("apiToken").asText();
        assertThat(token).hasSizeGreaterThan(10);
        List<String> answers = new ArrayList<>();

        Json.Answer created = ADMIN.post(SERVER.api("/connections"), good);
        answers.add(created.body().toString());
        assertThat(created.body().path("config").path("apiToken").asText()).isEqualTo("********");
        long connection = created.body().path("id").asLong();
        JsonNode run = IMPORTS.run(connection, "full");
        assertThat(run.path("status").asText()).isEqualTo("succeeded");
        answers.add(run.toString());
        answers.add(ADMIN.get(SERVER.api("/connections/" + connection)).body().toString());
        answers.add(ADMIN.get(SERVER.api("/connections")).body().toString());

        ObjectNode wrong = Imports.airtableConnection(SANDBOX_ADMIN.connections(), "secret-wrong",
                "requestsPerSecond", "1000", "apiToken", WRONG_TOKEN);
        Json.Answer refusedWrong = ADMIN.post(SERVER.api("/connections"), wrong);
        assertThat(refusedWrong.status()).as("its check failed").isEqualTo(422);
        answers.add(refusedWrong.body().toString());
        Json.Answer createdWrong = ADMIN.post(SERVER.api("/connections?check=false"), wrong);
        answers.add(createdWrong.body().toString());
        JsonNode failed = IMPORTS.run(createdWrong.body().path("id").asLong(), "full");
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("error").asText()).as("the failure is told, without the token").isNotBlank();
        answers.add(failed.toString());

        ObjectNode invalid = Imports.airtableConnection(SANDBOX_ADMIN.connections(), "secret-invalid",
                "apiToken", WRONG_TOKEN, "requestsPerSecond", "fast");
        Json.Answer rejected = ADMIN.post(SERVER.api("/connections"), invalid);
        assertThat(rejected.status()).isEqualTo(400);
        answers.add(rejected.body().toString());
        answers.add(ADMIN.get(SERVER.api("/health")).body().toString());
        answers.add(ADMIN.get(SERVER.api("/imports")).body().toString());

        List<String> lines = log.lines().stream().map(SecretsStayHiddenTest::render).toList();
        assertThat(lines).as("the capture works: the failed run was logged")
                .anyMatch(line -> line.contains("run " + failed.path("id").asLong()));
        for (String secret : List.of(token, WRONG_TOKEN, TestKeys.ADMIN)) {
            assertThat(answers).noneMatch(answer -> answer.contains(secret));
            assertThat(lines).noneMatch(line -> line.contains(secret));
        }
    }

    private static String render(ILoggingEvent event) {
        return event.getLoggerName() + " " + event.getFormattedMessage() + " " + event.getMDCPropertyMap()
                + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
}
