package io.inflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The failures told in a line: Jetty's failed bind as it reaches the command (a {@link BindException} wrapped in
 * Jetty's {@code Failed to bind to host:port}, wrapped again by Dropwizard's listener), on the default ports of a
 * configuration (8080 for the API, 8081 for the admin port).
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
    void anyOtherFailureKeepsItsStackTrace() {
        assertThat(OperatorErrors.explain(new IllegalStateException("could not create the database 'inflow'",
                new SQLException("connection refused")), configuration)).isEmpty();
    }

    private static Exception failedBind(String address, String reason) {
        return new RuntimeException(new IOException("Failed to bind to " + address, new BindException(reason)));
    }
}
