package io.inflow.server.api;

/**
 * The key that calls: its name (as runs record it in {@code requestedBy}) and its role, {@code viewer} or
 * {@code admin}.
 */
public record SessionView(String name, String role) {
}
