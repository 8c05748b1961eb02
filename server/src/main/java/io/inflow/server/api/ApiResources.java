package io.inflow.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.server.auth.ApiAuthFeature;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.connections.ConnectionServices;
import io.inflow.server.deadletters.DeadLetterReplay;
import io.inflow.server.deadletters.DeadLetters;
import io.inflow.server.events.EventFeed;
import io.inflow.server.events.EventRenderer;
import io.inflow.server.health.DatabaseProbe;
import io.inflow.server.jobs.JobEngine;
import io.inflow.server.metrics.MetricsResource;
import io.inflow.server.notifications.NotificationRenderer;
import io.inflow.server.notifications.Notifications;
import io.inflow.server.resilience.UpstreamClients;
import io.inflow.server.plugins.PluginInfo;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.stats.ConnectionStatistics;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.glassfish.jersey.media.sse.SseFeature;

/** Builds every REST resource and provider of {@code /api/v1} from the services they call. */
public final class ApiResources {

    private ApiResources() {
    }

    /** The JSON of events, as the API's answers show runs, the scheduler and plugins. */
    public static EventRenderer eventRenderer(ConnectionServices connectionServices, JobEngine jobs,
                                              ObjectMapper json) {
        return new EventData(json, new SchedulerViews(connectionServices.connections(), jobs.schedules()));
    }

    /**
     * Notifications' bodies, their runs as the API shows them.
     *
     * @param publicUrl the server's address for links, or empty for paths
     */
    public static NotificationRenderer notificationRenderer(ConnectionServices connectionServices, JobEngine jobs,
                                                            String publicUrl, ObjectMapper json) {
        return new NotificationData(new EventData(json, new SchedulerViews(connectionServices.connections(),
                jobs.schedules())), connectionServices.connections(), publicUrl, json);
    }

    /** A plugin as {@code GET /api/v1/plugins} shows it. */
    public static Object pluginView(PluginInfo plugin) {
        return PluginView.of(plugin);
    }

    public static List<Object> create(PluginRegistry plugins, ConnectionServices connectionServices, JobEngine jobs,
                                      EventFeed events, DeadLetters deadLetters, DeadLetterReplay replay,
                                      ConnectionStatistics statistics, DatabaseProbe database,
                                      UpstreamClients upstreams, Notifications notifications,
                                      ApiSettings settings, ObjectMapper json, Clock clock) {
        ConnectionService connections = connectionServices.connections();
        RunViews runViews = new RunViews(jobs.history(), clock);
        Set<Class<?>> open = new HashSet<>();
        if (settings.auth().openHealth()) {
            open.add(HealthResource.class);
        }
        if (settings.auth().openMetrics()) {
            open.add(MetricsResource.class);
        }
        return List.of(
                new ApiAuthFeature(settings.keys(), open),
                new RequestBodyLimitFilter(settings.api().maxRequestBodySize().toBytes()),
                new UnreadBodyDrain(settings.api().maxRequestBodySize().toBytes()),
                new InflowExceptionMapper(),
                new JsonErrorMapper(),
                new WebErrorMapper(),
                new UnexpectedErrorMapper(),
                new PluginsResource(plugins),
                new ConnectionsResource(connections, jobs.imports(), runViews, connectionServices.checks(),
                        connectionServices.editor(), connectionServices.removals(), json),
                new ConnectionScheduleResource(jobs.schedules()),
                new CheckpointsResource(jobs.checkpoints()),
                new ImportsResource(jobs.history(), jobs.imports(), runViews),
                new SchedulerResource(jobs.control(), new SchedulerViews(connections, jobs.schedules())),
                SseFeature.class,
                new EventStreamHeads(jobs.history()),
                new EventsResource(events),
                new ImportEventsResource(jobs.history(), events),
                new StatusResource(jobs.control(), jobs.history(), connections, runViews, clock),
                new DeadLettersResource(deadLetters, replay),
                new ConnectionStatsResource(statistics),
                new NotificationsResource(notifications.subscriptions(), notifications.tests()),
                new NotificationDeliveriesResource(notifications.deliveries()),
                new HealthResource(database, plugins, upstreams, settings.embeddedDatabase()),
                new SessionResource(),
                new OpenApiResource(OpenApiDocument.load()));
    }
}
