package io.inflow.server.auth;

import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * Puts every resource method behind an API key: dropwizard-auth's bearer filter authenticates, then the role from
 * {@code @RolesAllowed} (the method's, else its class's) is required. A method without a role requires
 * {@link Roles#ADMIN}, so a forgotten annotation fails closed. Only methods marked {@code @PermitAll} (on the
 * method or its class) and the resource classes named open by configuration (e.g. health) answer without a key.
 */
public final class ApiAuthFeature implements DynamicFeature {

    static final String REALM = "inflow";

    private final AuthFilter<String, ApiKeyPrincipal> authenticate;
    private final Set<Class<?>> openResources;

    public ApiAuthFeature(ApiKeyRing keys, Set<Class<?>> openResources) {
        this.authenticate = new OAuthCredentialAuthFilter.Builder<ApiKeyPrincipal>()
                .setAuthenticator(new BearerKeyAuthenticator(keys))
                .setAuthorizer(new RoleAuthorizer())
                .setUnauthorizedHandler(new JsonUnauthorizedHandler())
                .setPrefix("Bearer")
                .setRealm(REALM)
                .buildAuthFilter();
        this.openResources = Set.copyOf(openResources);
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        String role = requiredRole(resource.getResourceClass(), resource.getResourceMethod());
        if (role.equals(Roles.NONE) || openResources.contains(resource.getResourceClass())) {
            return;
        }
        context.register(authenticate);
        context.register(new RequiredRoleFilter(role));
    }

    /**
     * The role a resource method requires: {@link Roles#NONE} for {@code @PermitAll}, else its
     * {@code @RolesAllowed}; the method's annotation first, then its class's; admin when there is none.
     */
    public static String requiredRole(Class<?> resourceClass, Method method) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return Roles.NONE;
        }
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null && resourceClass.isAnnotationPresent(PermitAll.class)) {
            return Roles.NONE;
        }
        if (allowed == null) {
            allowed = resourceClass.getAnnotation(RolesAllowed.class);
        }
        if (allowed == null || allowed.value().length == 0) {
            return Roles.ADMIN;
        }
        for (String role : allowed.value()) {
            if (Roles.VIEWER.equals(role)) {
                return Roles.VIEWER;
            }
        }
        return Roles.ADMIN;
    }
}
