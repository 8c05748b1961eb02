package io.inflow.server.api;

import io.inflow.server.auth.Roles;
import io.inflow.server.notifications.NotificationService;
import io.inflow.server.notifications.TestNotifications;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** {@code /api/v1/notifications}: subscriptions to webhooks and e-mail when runs end, fail or need a person. */
@Path("/api/v1/notifications")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class NotificationsResource {

    private final NotificationService notifications;
    private final TestNotifications tests;

    NotificationsResource(NotificationService notifications, TestNotifications tests) {
        this.notifications = notifications;
        this.tests = tests;
    }

    /** 201 with the subscription and, for a webhook, its secret: shown in this answer only. */
    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(NotificationRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw Requests.bodyRequired();
        }
        NotificationService.Created created = notifications.create(request.draft());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.notification().id())).build())
                .entity(CreatedNotificationView.of(created))
                .build();
    }

    @GET
    public List<NotificationView> list() {
        return notifications.list().stream().map(NotificationView::of).toList();
    }

    @GET
    @Path("{id}")
    public NotificationView get(@PathParam("id") String id) {
        return NotificationView.of(notifications.get(Requests.id(id, "notification")));
    }

    /** Replaces the target, events and connections; the secret stays. */
    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public NotificationView update(@PathParam("id") String id, NotificationRequest request) {
        long notificationId = Requests.id(id, "notification");
        if (request == null) {
            throw Requests.bodyRequired();
        }
        return NotificationView.of(notifications.update(notificationId, request.draft()));
    }

    /** 204; its pending deliveries go with it. */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("id") String id) {
        notifications.delete(Requests.id(id, "notification"));
        return Response.noContent().build();
    }

    /** Sends a {@code test} notification at once: 200 with what the target answered, delivered or not. */
    @POST
    @Path("{id}/test")
    @RolesAllowed(Roles.ADMIN)
    public NotificationTestView test(@PathParam("id") String id) throws InterruptedException {
        return NotificationTestView.of(tests.send(Requests.id(id, "notification")));
    }
}
