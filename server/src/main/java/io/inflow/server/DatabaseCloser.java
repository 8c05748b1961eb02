package io.inflow.server;

import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import io.inflow.server.store.Database;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Closes the database however the server's life ends, besides the managed stop that closes it last in a normal
 * shutdown:
 * <ul>
 *   <li>when Jetty has stopped after a start that failed before any managed object started (a port in use): Jetty
 *       then stops nothing of ours;</li>
 *   <li>when the JVM exits before Jetty started (SIGTERM or Ctrl-C while migrating or loading plugins): Jetty's own
 *       shutdown hook exists only once it starts, and from then on stops the managed objects in order, so this hook
 *       is removed then.</li>
 * </ul>
 * Closing the database twice does nothing.
 */
final class DatabaseCloser implements LifeCycle.Listener {

    private final Database database;
    private final Thread beforeTheServerStarted;

    private DatabaseCloser(Database database) {
        this.database = database;
        this.beforeTheServerStarted = new Thread(database::close, "inflow-database-stop-before-start");
    }

    static void register(Database database, LifecycleEnvironment lifecycle) {
        DatabaseCloser closer = new DatabaseCloser(database);
        Runtime.getRuntime().addShutdownHook(closer.beforeTheServerStarted);
        lifecycle.addEventListener(closer);
    }

    @Override
    public void lifeCycleStarted(LifeCycle server) {
        try {
            Runtime.getRuntime().removeShutdownHook(beforeTheServerStarted);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting already: the hook closes the database
        }
    }

    @Override
    public void lifeCycleStopped(LifeCycle server) {
        database.close();
    }
}
