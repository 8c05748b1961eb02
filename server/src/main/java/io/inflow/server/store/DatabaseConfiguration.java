package io.inflow.server.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Optional;

/**
 * Where Inflow keeps its data: a PostgreSQL server named by {@code url}, or, when no url is set, an embedded
 * PostgreSQL whose files live under the data folder.
 */
public class DatabaseConfiguration {

    @JsonProperty
    private String url;

    @JsonProperty
    private String user = "inflow";

    @JsonProperty
    private String password = "";

    @JsonProperty
    @Min(2)
    @Max(200)
    private int maxConnections = 16;

    /** Port of the embedded server; 0 picks a free one at each start. */
    @JsonProperty
    @Min(0)
    @Max(65535)
    private int embeddedPort = 0;

    public Optional<String> url() {
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.trim());
    }

    public String user() {
        return user;
    }

    public String password() {
        return password == null ? "" : password;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public int embeddedPort() {
        return embeddedPort;
    }

    public DatabaseConfiguration withUrl(String newUrl, String newUser, String newPassword) {
        DatabaseConfiguration copy = new DatabaseConfiguration();
        copy.url = newUrl;
        copy.user = newUser;
        copy.password = newPassword;
        copy.maxConnections = maxConnections;
        copy.embeddedPort = embeddedPort;
        return copy;
    }
}
