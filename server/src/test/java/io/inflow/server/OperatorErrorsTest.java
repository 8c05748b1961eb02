package io.inflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.inflow.server.auth.ApiKeyRing;
import io.inflow.server.auth.AuthConfiguration;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The failures told in a line: Jetty's failed bind as it reaches the command (a {@link BindException} wrapped in
 * Jetty's {@code Failed to bind to host:port}, wrapped again by Dropwizard's listener), on the default ports of a
 * configuration (8080 for the API, 8081 for the admin port); a configuration Dropwizard cannot read, as its factory
 * refuses it; no API key, as the key ring refuses to start without one.
 */
class OperatorErrorsTest {

    private final InflowConfiguration configuration = new InflowConfiguration();

    @Test
    void aTakenApplicationPortNamesInflowPort() {
        assertThat(OperatorErrors.explain(failedBind("0.0.0.0/0.0.0.0:8080", "Address already in use"), configuration))
                .contains("port 8080 is in use; set INFLOW_PORT");
    }

    @Test
    void aTakenAdminPortNamesInflowAdminPort() {
        assertThat(OperatorErrors.explain(failedBind("localhost/127.0.0.1:8081", "Address already in use"), configuration))
                .contains("port 8081 is in use; set INFLOW_ADMIN_PORT");
    }

    @Test
    void aPortThatCannotBeOpenedForAnotherReasonSaysThatReason() {
        assertThat(OperatorErrors.explain(failedBind("0.0.0.0/0.0.0.0:80", "Permission denied"), configuration))
                .contains("port 80 cannot be opened (Permission denied); set INFLOW_PORT");
    }

    @Test
    void aBindFailureWithoutItsPortStillNamesBothVariables() {
        assertThat(OperatorErrors.explain(new RuntimeException(new BindException("Address already in use")), null))
                .contains("a port is in use; set INFLOW_PORT or INFLOW_ADMIN_PORT");
    }

    @Test
    void anUnknownKeyOfTheConfigurationIsOneLineWithTheKeysItMightBe() {
        assertThat(OperatorErrors.explain(unreadable("auth:\n  adminKey: x\n  bogusKey: 1\n"), null))
                .hasValueSatisfying(line -> assertThat(line).doesNotContain("\n")
                        .startsWith("config.yml has an error: Unrecognized field at: auth.bogusKey (did you mean "
                                + "adminKey, viewerKey, keys, openHealth, openMetrics?)"));
    }

    @Test
    void malformedYamlIsOneLineWithWhereItIs() {
        assertThat(OperatorErrors.explain(unreadable("server: [\n"), null))
                .hasValueSatisfying(line -> assertThat(line).doesNotContain("\n")
                        .startsWith("config.yml has an error: Malformed YAML at line: 1, column: "));
    }

    @Test
    void anInvalidValueIsOneLineNamingItsKey() {
        assertThat(OperatorErrors.explain(unreadable("jobs:\n  workerThreads: 0\n"), null))
                .contains("config.yml has an error: jobs.workerThreads must be greater than or equal to 1");
    }

    @Test
    void aMissingConfigurationFileSaysWhatTheCommandTakes() {
        assertThat(OperatorErrors.explain(new FileNotFoundException("File missing.yml not found"), null))
                .contains("File missing.yml not found: the command takes the path of config.yml "
                        + "(java -jar inflow-server.jar server config.yml)");
    }

    @Test
    void noApiKeySaysWhichVariableToSet() {
        Throwable noKey = catchThrowable(() -> ApiKeyRing.of(new AuthConfiguration()));

        assertThat(OperatorErrors.explain(new RuntimeException(noKey), configuration))
                .contains("no API key is configured: set INFLOW_ADMIN_KEY, or add auth.keys to the configuration "
                        + "(java -jar inflow-server.jar generate-key prints a key and its hash)");
    }

    @Test
    void anyOtherFailureKeepsItsStackTrace() {
        assertThat(OperatorErrors.explain(new IllegalStateException("could not create the database 'inflow'",
                new SQLException("connection refused")), configuration)).isEmpty();
    }

    /** What Dropwizard's configuration factory throws for {@code yaml} as {@code config.yml}, with the server's mapper. */
    private static Exception unreadable(String yaml) {
        YamlConfigurationFactory<InflowConfiguration> factory = new YamlConfigurationFactory<>(
                InflowConfiguration.class, Validators.newValidator(),
                Jackson.newObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), "dw");
        return (Exception) catchThrowable(() -> factory.build(
                path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "config.yml"));
    }

    private static Exception failedBind(String address, String reason) {
        return new RuntimeException(new IOException("Failed to bind to " + address, new BindException(reason)));
    }
}
