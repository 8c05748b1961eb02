package io.inflow.server.auth;

import java.security.Principal;

/** Who called: the name of the API key that authenticated the request, and its role. */
public record ApiKeyPrincipal(String name, String role) implements Principal {

    @Override
    public String getName() {
        return name;
    }

    /** Whether this key may do what {@code required} may: an admin may do everything, a viewer only read. */
    public boolean grants(String required) {
        return Roles.ADMIN.equals(role) || role.equals(required);
    }
}
