package io.inflow.server.store;

import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * How to reach the database Inflow uses.
 *
 * @param url a {@code jdbc:postgresql:} URL
 * @param user the user to log in as
 * @param password its password, possibly empty
 */
public record DatabaseEndpoint(String url, String user, String password) {

    /** A single connection outside any pool, for start-up work such as migrations. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /**
     * The same, each session of the pool carrying {@code settings} (custom settings such as
     * {@code inflow.notifications_waiting_threshold}, which triggers read): names and values without spaces.
     */
    public DataSourceFactory dataSourceFactory(int maxConnections, java.util.Map<String, String> settings) {
        DataSourceFactory factory = dataSourceFactory(maxConnections);
        StringBuilder options = new StringBuilder();
        settings.forEach((name, value) -> options.append(options.length() == 0 ? "" : " ")
                .append("-c ").append(name).append('=').append(value));
        if (options.length() > 0) {
            factory.getProperties().put("options", options.toString());
        }
        return factory;
    }

    /** Dropwizard's pooled data source settings for this endpoint. */
    public DataSourceFactory dataSourceFactory(int maxConnections) {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl(url);
        factory.setUser(user);
        factory.setPassword(password);
        factory.setMinSize(2);
        factory.setInitialSize(2);
        factory.setMaxSize(maxConnections);
        factory.setValidationQuery("/* Inflow health check */ SELECT 1");
        factory.setCheckConnectionOnBorrow(true);
        factory.setAutoCommitByDefault(true);
        return factory;
    }

    /** Hides the password. */
    @Override
    public String toString() {
        return "DatabaseEndpoint[url=" + url + ", user=" + user + "]";
    }
}
