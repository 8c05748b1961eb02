package io.inflow.server.auth;

import io.dropwizard.auth.Authorizer;
import jakarta.ws.rs.container.ContainerRequestContext;

/** Answers {@code SecurityContext.isUserInRole}: an admin key holds every role. */
final class RoleAuthorizer implements Authorizer<ApiKeyPrincipal> {

    @Override
    public boolean authorize(ApiKeyPrincipal principal, String role, ContainerRequestContext request) {
        return principal.grants(role);
    }
}
