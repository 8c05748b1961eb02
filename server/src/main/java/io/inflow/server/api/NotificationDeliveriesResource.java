package io.inflow.server.api;

import io.inflow.server.auth.Roles;
import io.inflow.server.notifications.Deliveries;
import io.inflow.server.store.DeliveryRow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /api/v1/notifications/{id}/deliveries}: how each notification to a subscription went, and redelivery. */
@Path("/api/v1/notifications/{id}/deliveries")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public final class NotificationDeliveriesResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1_000;

    private final Deliveries deliveries;

    NotificationDeliveriesResource(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    /** A page of deliveries, newest first. */
    public record Page(List<DeliveryView> deliveries, String nextCursor) {
    }

    @GET
    public Page list(@PathParam("id") String id, @QueryParam("cursor") String cursor,
                     @QueryParam("limit") String limit) {
        int pageSize = Requests.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        List<DeliveryRow> found = deliveries.list(Requests.id(id, "notification"),
                Requests.optionalLong(cursor, "cursor"), pageSize + 1);
        boolean more = found.size() > pageSize;
        List<DeliveryRow> page = more ? found.subList(0, pageSize) : found;
        return new Page(page.stream().map(DeliveryView::of).toList(),
                more ? Long.toString(page.get(page.size() - 1).id()) : null);
    }

    /** 202: the delivery is due again now, with the same {@code webhook-id}, whatever became of it. */
    @POST
    @Path("{deliveryId}/redeliver")
    @RolesAllowed(Roles.ADMIN)
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        DeliveryRow row = deliveries.redeliver(Requests.id(id, "notification"), Requests.id(deliveryId, "delivery"));
        return Response.accepted(DeliveryView.of(row)).build();
    }
}
