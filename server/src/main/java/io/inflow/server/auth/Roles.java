package io.inflow.server.auth;

/**
 * The roles an API key can hold, as named in {@code @RolesAllowed}: a {@link #VIEWER} reads, an {@link #ADMIN}
 * does everything. Resources allow {@code VIEWER} on the class and {@code ADMIN} on every method that changes
 * something; an admin key passes every viewer check.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String ADMIN = "admin";
    /** Not a role: what {@code @PermitAll} methods require, i.e. no key at all. */
    public static final String NONE = "none";

    private Roles() {
    }
}
