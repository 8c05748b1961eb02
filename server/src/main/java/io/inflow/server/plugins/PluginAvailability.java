package io.inflow.server.plugins;

import java.util.Locale;

/**
 * Whether a connection's plugin can run it now, and if not, why in words an admin can act on. Connections
 * outlive their plugins (a jar removed, a plugin disabled or broken by an upgrade), so the API and the scheduler
 * ask this instead of assuming the plugin is there.
 *
 * @param state what became of the plugin
 * @param message why it cannot be used, or null when it is active
 */
public record PluginAvailability(State state, String message) {

    /** What became of a connection's plugin. */
    public enum State {
        ACTIVE, DISABLED, MISSING, FAILED;

        /** The state as the API shows it: {@code active}, {@code disabled}, {@code missing}, {@code failed}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static PluginAvailability active() {
        return new PluginAvailability(State.ACTIVE, null);
    }

    static PluginAvailability disabled(String pluginId) {
        return new PluginAvailability(State.DISABLED, "plugin '" + pluginId
                + "' is disabled by an admin; enable it to import again");
    }

    static PluginAvailability missing(String pluginId) {
        return new PluginAvailability(State.MISSING, "plugin '" + pluginId
                + "' is not in the plugins folder; put its jar back to import again");
    }

    static PluginAvailability failed(String pluginId, String failure) {
        return new PluginAvailability(State.FAILED, "plugin '" + pluginId + "' failed to load: " + failure);
    }

    public boolean isActive() {
        return state == State.ACTIVE;
    }
}
