package io.inflow.server.notifications;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;

/**
 * The SMTP server that sends notification mail ({@code notifications.smtp}). No host: subscriptions by e-mail are
 * refused. The password may be a reference, {@code ${env:NAME}} or {@code ${file:/path}}, resolved as each mail
 * is sent. Host, user and password may be empty or unset (an unset {@code ${INFLOW_SMTP_HOST:-}} reads as null).
 */
public class SmtpConfiguration {

    @JsonProperty
    private String host = "";

    @Min(1)
    @Max(65_535)
    @JsonProperty
    private int port = 587;

    /** Upgrade the connection with STARTTLS before sending, and refuse to send without it. */
    @JsonProperty
    private boolean startTls = true;

    @JsonProperty
    private String user = "";

    @JsonProperty
    private String password = "";

    @NotNull
    @JsonProperty
    private String from = "inflow@localhost";

    public Optional<String> host() {
        return host == null || host.isBlank() ? Optional.empty() : Optional.of(host.trim());
    }

    public int port() {
        return port;
    }

    public boolean startTls() {
        return startTls;
    }

    public Optional<String> user() {
        return user == null || user.isBlank() ? Optional.empty() : Optional.of(user);
    }

    /** As written: a plain password, or a reference to resolve; empty when not set. */
    public String password() {
        return password == null ? "" : password;
    }

    public String from() {
        return from;
    }
}
