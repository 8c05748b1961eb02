package io.inflow.server.notifications;

import io.inflow.server.errors.InflowException;
import io.inflow.server.store.DeliveryDao;
import io.inflow.server.store.DeliveryRow;
import java.util.List;
import java.util.Map;

/** A subscription's deliveries: how each went, and sending one again. */
public final class Deliveries {

    private final DeliveryDao dao;
    private final NotificationService subscriptions;

    public Deliveries(DeliveryDao dao, NotificationService subscriptions) {
        this.dao = dao;
        this.subscriptions = subscriptions;
    }

    /**
     * Up to {@code limit} of a subscription's deliveries, newest first, older than {@code beforeId} when given.
     *
     * @throws InflowException NOT_FOUND for an unknown subscription
     */
    public List<DeliveryRow> list(long notificationId, Long beforeId, int limit) {
        subscriptions.get(notificationId);
        return dao.list(notificationId, beforeId, limit);
    }

    /**
     * Sends a delivery again with the same {@code webhook-id}, due now with a fresh retry window, whatever became of
     * it.
     *
     * @throws InflowException NOT_FOUND for an unknown subscription or delivery; CONFLICT while a node sends it
     */
    public DeliveryRow redeliver(long notificationId, long deliveryId) {
        subscriptions.get(notificationId);
        DeliveryRow found = dao.find(notificationId, deliveryId)
                .orElseThrow(() -> InflowException.notFound("delivery", deliveryId));
        return dao.redeliver(notificationId, deliveryId).orElseThrow(() -> new InflowException(
                InflowException.Kind.CONFLICT, "delivery_in_progress", "delivery " + found.id()
                + " is being sent right now; ask again once it is done", Map.of()));
    }
}
