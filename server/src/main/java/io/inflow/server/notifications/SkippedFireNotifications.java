package io.inflow.server.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.server.connections.Connection;
import io.inflow.server.jobs.SkippedFires;
import io.inflow.server.store.DeliveryDao;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code schedule.skipped}: written to the outbox as the fire is handled, once per run that made fires skip (a
 * schedule firing every second while a run is active tells it once, not every second). A fire handled twice (its
 * node died after writing) may tell it twice: at least once.
 */
public final class SkippedFireNotifications implements SkippedFires {

    private static final Logger LOG = LoggerFactory.getLogger(SkippedFireNotifications.class);

    private final DeliveryDao deliveries;
    private final ObjectMapper json;

    public SkippedFireNotifications(DeliveryDao deliveries, ObjectMapper json) {
        this.deliveries = deliveries;
        this.json = json;
    }

    @Override
    public void skipped(Connection connection, Instant fireTime, String reason, Long becauseOfRun) {
        ObjectNode data = json.createObjectNode();
        data.put("connection_id", connection.id());
        data.put("fire_time", fireTime.toString());
        data.put("reason", reason);
        try {
            deliveries.enqueue("schedule.skipped", connection.id(), becauseOfRun, data.toString(),
                    becauseOfRun != null);
        } catch (RuntimeException e) {
            LOG.warn("The skipped {} fire of connection {} could not be written to the notification outbox: {}",
                    fireTime, connection.id(), e.toString());
        }
    }
}
