package io.inflow.server.store;

import io.inflow.server.plugins.LoadedConnector;
import java.sql.Connection;
import java.util.Optional;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the Liquibase changelog a plugin ships (its typed views over {@code records}) when the plugin is
 * loaded, reading it from the plugin's own class loader. Liquibase's lock makes it safe with several nodes.
 */
public final class PluginSchemas {

    private static final Logger LOG = LoggerFactory.getLogger(PluginSchemas.class);

    private final DatabaseEndpoint endpoint;

    public PluginSchemas(DatabaseEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Brings the plugin's schema up to date.
     *
     * @return why it failed, or empty when the plugin has no changelog or it applied
     */
    public Optional<String> apply(LoadedConnector connector) {
        Optional<String> changelog = connector.call(plugin -> plugin.changelog());
        if (changelog.isEmpty()) {
            return Optional.empty();
        }
        ClassLoader pluginLoader = connector.connector().getClass().getClassLoader();
        if (pluginLoader.getResource(changelog.get()) == null) {
            return Optional.of("its changelog " + changelog.get() + " is not in the plugin jar");
        }
        try (Connection connection = endpoint.connect()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(pluginLoader),
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog.get())
                            .execute());
            LOG.info("Plugin {}: schema {} is up to date", connector.pluginId(), changelog.get());
            return Optional.empty();
        } catch (Exception e) {
            LOG.error("Plugin {}: its changelog {} failed", connector.pluginId(), changelog.get(), e);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return Optional.of("its changelog " + changelog.get() + " failed: " + root.getMessage());
        }
    }
}
