package io.inflow.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.lifecycle.Managed;
import io.inflow.server.api.ApiResources;
import io.inflow.server.api.ApiSettings;
import io.inflow.server.api.JettyErrorPage;
import io.inflow.server.auth.AdminPortKeyFilter;
import io.inflow.server.auth.ApiKeyRing;
import io.inflow.server.auth.GenerateKeyCommand;
import io.inflow.server.auth.Roles;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.console.Console;
import io.inflow.server.connections.ConnectionServices;
import io.inflow.server.deadletters.DeadLetterReplay;
import io.inflow.server.deadletters.DeadLetters;
import io.inflow.server.events.EventFeed;
import io.inflow.server.events.PluginEvents;
import io.inflow.server.health.DatabaseProbe;
import io.inflow.server.health.PluginsHealthCheck;
import io.inflow.server.health.RecordCountCache;
import io.inflow.server.jobs.JobEngine;
import io.inflow.server.plugins.LoadedConnector;
import io.inflow.server.plugins.PluginFolderWatcher;
import io.inflow.server.metrics.DropwizardBridge;
import io.inflow.server.metrics.ImportMetrics;
import io.inflow.server.metrics.MetricsResource;
import io.inflow.server.metrics.StoredStateGauges;
import io.inflow.server.metrics.UpstreamMetrics;
import io.inflow.server.metrics.NotificationMetrics;
import io.inflow.server.notifications.Notifications;
import io.inflow.server.notifications.SkippedFireNotifications;
import io.inflow.server.store.DeliveryDao;
import io.inflow.server.store.NotificationCheckDao;
import io.inflow.server.store.NotificationDao;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.resilience.QuotaWindows;
import io.inflow.server.resilience.UpstreamClients;
import io.inflow.server.secrets.GenerateSecretsKeyCommand;
import io.inflow.server.secrets.PlaintextSecrets;
import io.inflow.server.secrets.SealedStates;
import io.inflow.server.secrets.SecretEnvelope;
import io.inflow.server.secrets.SecretsKeyRing;
import io.inflow.server.secrets.SecretsKeys;
import io.inflow.server.secrets.StoredSecrets;
import io.inflow.server.stats.ConnectionStatistics;
import io.inflow.server.store.CheckpointCodec;
import io.inflow.server.store.CheckpointDao;
import io.inflow.server.store.ConnectionDao;
import io.inflow.server.store.ConnectionStates;
import io.inflow.server.store.Database;
import io.inflow.server.store.DeadLetterDao;
import io.inflow.server.store.EventDao;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.LowercaseEnums;
import io.inflow.server.store.NamedStatementTemplates;
import io.inflow.server.store.PluginSchemas;
import io.inflow.server.store.QuotaDao;
import io.inflow.server.store.RateLimitTable;
import io.inflow.server.store.RecordCountDao;
import io.inflow.server.store.RecordSink;
import io.inflow.server.store.RunReads;
import io.inflow.server.store.SchedulerStateDao;
import io.inflow.server.store.SchemaMigrator;
import io.inflow.server.store.StatRunner;
import jakarta.servlet.DispatcherType;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;

/**
 * Inflow: imports data from SaaS APIs into PostgreSQL through connector plugins.
 *
 * <p>Everything is wired here by hand, in the order it must start; Dropwizard stops managed objects in the
 * reverse order, so the job scheduler stops (its imports reaching a checkpoint) before plugins, plugins before
 * the connection pool, and the pool before the embedded PostgreSQL.
 *
 * <p>A start that fails stops what it started: a failure while wiring closes the database at once; one while Jetty
 * starts (a port in use), or a SIGTERM before Jetty started, closes it through {@link DatabaseCloser}.
 *
 * <p>Each server has its own {@link PrometheusRegistry}, never the library's default one: several servers run in
 * one test JVM, and each must show only its own series.
 */
public final class InflowApplication extends Application<InflowConfiguration> {

    public static void main(String[] args) throws Exception {
        new InflowApplication().run(args);
    }

    @Override
    public String getName() {
        return "inflow";
    }

    /** Dropwizard's {@code server} and {@code check}, the server telling the failures an operator can fix in a line. */
    @Override
    protected void addDefaultCommands(Bootstrap<InflowConfiguration> bootstrap) {
        bootstrap.addCommand(new InflowServerCommand(this));
        bootstrap.addCommand(new CheckCommand<>(this));
    }

    @Override
    public void initialize(Bootstrap<InflowConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        // a field the API does not know is a client's mistake to report, not to ignore
        bootstrap.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        bootstrap.addCommand(new InflowDbCommand());
        bootstrap.addCommand(new GenerateKeyCommand());
        bootstrap.addCommand(new GenerateSecretsKeyCommand());
        bootstrap.addCommand(new RotateSecretsCommand());
    }

    @Override
    public void run(InflowConfiguration config, Environment environment) {
        if (config.getServerFactory() instanceof AbstractServerFactory server) {
            // every error is Inflow's JSON {code, message, details}: ApiResources registers the mappers
            server.setRegisterDefaultExceptionMappers(false);
        }
        answerJettyErrorsInJson(environment);
        // before anything starts: a server without a key refuses to run rather than serve an open API
        ApiKeyRing keys = ApiKeyRing.of(config.auth());
        protectAdminPort(config, environment, keys);
        // with an external database and no secrets key, refuse before touching anything; the embedded database's
        // key file is read (or created) once its data folder is ours
        Optional<SecretsKeyRing> externalKeys = config.database().url().isPresent()
                ? Optional.of(SecretsKeys.load(config.secrets(), false, config.dataDir())) : Optional.empty();
        Database database = Database.open(config.database(), config.dataDir(), "server");
        environment.lifecycle().manage(onStop(database::close));
        try {
            DatabaseCloser.register(database, environment.lifecycle());
            SecretsKeyRing secretsKeys = externalKeys.orElseGet(
                    () -> SecretsKeys.load(config.secrets(), database.isEmbedded(), config.dataDir()));
            wire(config, environment, database, keys, secretsKeys);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static void wire(InflowConfiguration config, Environment environment, Database database,
                             ApiKeyRing keys, SecretsKeyRing secretsKeys) {
        Clock clock = Clock.systemUTC();
        new SchemaMigrator(database.endpoint()).migrate();
        // the trigger that writes run.waiting notifications reads the threshold from the session that records a wait
        DataSourceFactory dataSourceFactory = database.endpoint().dataSourceFactory(config.database().maxConnections(),
                java.util.Map.of("inflow.notifications_waiting_threshold",
                        config.notifications().waitingThreshold().toString()));
        ManagedDataSource dataSource = dataSourceFactory.build(environment.metrics(), "postgresql");
        Jdbi jdbi = new JdbiFactory(DropwizardBridge.statementNames())
                .build(environment, dataSourceFactory, dataSource, "postgresql");
        NamedStatementTemplates.install(jdbi);
        LowercaseEnums.install(jdbi);
        ConnectionDao connectionDao = jdbi.onDemand(ConnectionDao.class);
        ImportRunDao runs = jdbi.onDemand(ImportRunDao.class);
        CheckpointDao checkpoints = jdbi.onDemand(CheckpointDao.class);
        RecordCountDao recordCounts = jdbi.onDemand(RecordCountDao.class);
        DeadLetterDao deadLetters = jdbi.onDemand(DeadLetterDao.class);
        QuotaDao quotas = jdbi.onDemand(QuotaDao.class);
        RecordSink sink = new RecordSink(jdbi, environment.getObjectMapper());
        CheckpointCodec checkpointCodec = new CheckpointCodec(environment.getObjectMapper());

        PluginSchemas schemas = new PluginSchemas(database.endpoint());
        EventDao events = jdbi.onDemand(EventDao.class);
        PluginRegistry plugins = new PluginRegistry(config.pluginsDir(), connector -> applySchema(schemas, connector),
                new PluginEvents(events, config.jobs().nodeName(), ApiResources::pluginView,
                        environment.getObjectMapper()));
        plugins.loadAll();
        environment.lifecycle().manage(plugins);
        if (config.plugins().watch()) {
            // managed after the registry, so it stops first: no rescan runs while the plugins are unloaded
            environment.lifecycle().manage(new PluginFolderWatcher(config.pluginsDir(), config.plugins().quietPeriod(),
                    plugins::rescan));
        }

        SecretEnvelope envelope = new SecretEnvelope(secretsKeys);
        StoredSecrets secrets = new StoredSecrets(envelope);
        SealedStates sealedStates = new SealedStates(envelope);
        ConnectionStates states = new ConnectionStates(jdbi, sealedStates);
        new PlaintextSecrets(jdbi, secrets, sealedStates, plugins, environment.getObjectMapper()).sealAll();
        ConnectionService connections = new ConnectionService(connectionDao, plugins,
                environment.getObjectMapper(), secrets, System::getenv);
        PrometheusRegistry prometheus = new PrometheusRegistry();
        UpstreamClients upstreams = new UpstreamClients(config.upstream(), quotas,
                new RateLimitTable(dataSource::getConnection),
                config.jobs().nodeName(), clock, new UpstreamMetrics(prometheus));
        // managed before the scheduler, so it stops after the imports have
        environment.lifecycle().manage(onStop(upstreams::close));
        JobEngine jobs = JobEngine.create(runs, new RunReads(dataSource), checkpoints, recordCounts,
                jdbi.onDemand(SchedulerStateDao.class), connectionDao, sink, states, connections, plugins, upstreams,
                checkpointCodec, config.jobs(), dataSource, clock, new ImportMetrics(prometheus),
                new SkippedFireNotifications(jdbi.onDemand(DeliveryDao.class), environment.getObjectMapper()));
        environment.lifecycle().manage(jobs.scheduler());
        ConnectionServices connectionServices = ConnectionServices.create(connections, connectionDao, plugins,
                upstreams, states, jobs.schedules(), clock);
        DeadLetterReplay replay = new DeadLetterReplay(deadLetters, sink, connections, plugins, upstreams, states,
                clock);
        QuotaWindows quotaWindows = new QuotaWindows(quotas, config.upstream().quotaWindow(), clock);
        // a plugin's stat query has 10 s at most, read-only
        ConnectionStatistics statistics = new ConnectionStatistics(recordCounts, deadLetters, quotaWindows,
                new StatRunner(jdbi, Duration.ofSeconds(10)), connections, plugins);

        EventFeed feed = new EventFeed(events, ApiResources.eventRenderer(connectionServices, jobs,
                environment.getObjectMapper()), database.endpoint(), config.events(), clock);
        environment.lifecycle().manage(feed);
        closeStreamsWhenStopping(environment, feed);

        Notifications notifications = Notifications.create(new Notifications.Daos(
                        jdbi.onDemand(NotificationDao.class), jdbi.onDemand(DeliveryDao.class),
                        jdbi.onDemand(NotificationCheckDao.class)),
                config.notifications(), envelope, ApiResources.notificationRenderer(connectionServices, jobs,
                        config.notifications().publicUrl(), environment.getObjectMapper()),
                statistics, config.jobs().nodeName(), database.endpoint(), new NotificationMetrics(prometheus),
                System::getenv, environment.getObjectMapper(), clock);
        // the webhook client closes after the dispatcher stopped
        environment.lifecycle().manage(onStop(notifications.webhooks()::close));
        environment.lifecycle().manage(notifications.dispatcher());

        ApiSettings settings = new ApiSettings(database.isEmbedded(), keys, config.auth(), config.api());
        DatabaseProbe probe = new DatabaseProbe(
                new RecordCountCache(recordCounts, RecordCountCache.DEFAULT_PERIOD, clock), deadLetters);
        ApiResources.create(plugins, connectionServices, jobs, feed, new DeadLetters(deadLetters), replay, statistics,
                        probe, upstreams, notifications, settings, environment.getObjectMapper(), clock)
                .forEach(environment.jersey()::register);
        environment.healthChecks().register("plugins", new PluginsHealthCheck(plugins));
        Console.serve(environment.servlets());

        new StoredStateGauges(connections, plugins, quotaWindows, deadLetters).register(prometheus);
        exposeMetrics(config, environment, prometheus);
    }

    /**
     * Event streams never end by themselves: without this, Jetty's graceful stop would wait for every open one
     * until its grace period ran out. Their clients reconnect, to this node once it runs again or to another.
     */
    private static void closeStreamsWhenStopping(Environment environment, EventFeed feed) {
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle event) {
                if (event instanceof Server) {
                    feed.closeAll();
                }
            }
        });
    }

    /** Brings a plugin's own schema up to date as it is loaded: why that failed, or empty (also when it has none). */
    private static Optional<String> applySchema(PluginSchemas schemas, LoadedConnector connector) {
        return connector.changelog()
                .flatMap(changelog -> schemas.apply(connector.pluginId(), changelog, connector.classLoader()));
    }

    /**
     * Dropwizard's tasks ({@code POST /tasks/gc}, {@code /tasks/log-level}) act on the server, and its profiler
     * ({@code /pprof}) spends CPU for as long as the caller asks: they need an admin key whatever
     * {@code auth.protectAdminPort} says. The rest of the admin port is monitoring, keyed (any key) only
     * with {@code auth.protectAdminPort}, so that Prometheus and load balancers can read it on a private network.
     */
    private static void protectAdminPort(InflowConfiguration config, Environment environment, ApiKeyRing keys) {
        if (config.auth().protectAdminPort()) {
            environment.admin().addFilter("api-key",
                            new AdminPortKeyFilter(keys, Roles.VIEWER, environment.getObjectMapper()))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        }
        environment.admin().addFilter("tasks-admin-key",
                        new AdminPortKeyFilter(keys, Roles.ADMIN, environment.getObjectMapper()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/tasks/*", "/pprof/*");
    }

    /**
     * {@code /metrics} in the Prometheus format: Inflow's series, the JVM's from the Prometheus client's own
     * instrumentation, and what is worth scraping of Dropwizard's registry (Jetty, the connection pool, JDBI, log
     * events) under Prometheus's naming conventions. On the admin port its exact mapping takes the path from the
     * admin servlet's {@code /*}, replacing Dropwizard's JSON metrics there.
     */
    private static void exposeMetrics(InflowConfiguration config, Environment environment,
                                      PrometheusRegistry prometheus) {
        JvmMetrics.builder().register(prometheus);
        prometheus.register(new DropwizardBridge(environment.metrics()));
        environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(prometheus)).addMapping("/metrics");
        if (config.prometheus().onApplicationPort()) {
            environment.jersey().register(new MetricsResource(prometheus));
        }
    }

    /**
     * Jetty's own error answers (a URI too long, an ambiguous path, a 405 for {@code TRACE}, the admin port's 404) in
     * the API's JSON. Dropwizard sets its HTML error handler on the server it builds after {@code run()}; this
     * replaces it as that server starts, in every way the application is started (the server command, tests).
     */
    private static void answerJettyErrorsInJson(Environment environment) {
        JettyErrorPage page = new JettyErrorPage(environment.getObjectMapper());
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(page);
                }
            }
        });
    }

    private static Managed onStop(Runnable action) {
        return new Managed() {
            @Override
            public void stop() {
                action.run();
            }
        };
    }
}
