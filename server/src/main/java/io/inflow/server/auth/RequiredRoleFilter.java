package io.inflow.server.auth;

import io.inflow.server.errors.InflowException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.security.Principal;
import java.util.Map;

/** Runs after authentication: 403 when the caller's key does not hold the role the resource method requires. */
@Priority(Priorities.AUTHORIZATION)
final class RequiredRoleFilter implements ContainerRequestFilter {

    private final String role;

    RequiredRoleFilter(String role) {
        this.role = role;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getSecurityContext().isUserInRole(role)) {
            throw forbidden(request.getSecurityContext().getUserPrincipal(), role);
        }
    }

    /** The 403 of a caller without {@code role}, the same on both ports. */
    static InflowException forbidden(Principal principal, String role) {
        String caller = principal instanceof ApiKeyPrincipal key
                ? "the " + key.role() + " key '" + key.name() + "'" : "this caller";
        return new InflowException(InflowException.Kind.FORBIDDEN, "forbidden",
                caller + " may not do this: it needs the " + role + " role", Map.of("requiredRole", role));
    }
}
