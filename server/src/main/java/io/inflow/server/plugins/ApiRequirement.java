package io.inflow.server.plugins;

import java.util.Optional;
import org.pf4j.VersionManager;

/**
 * The plugin API versions a plugin says it needs, in PF4J's {@code Plugin-Requires} manifest entry: a range such as
 * {@code ^1.0.0} (1.0.0 or any later 1.x), checked against the plugin API this server provides before the plugin
 * starts. A plugin built before plugin-api 1.0 states no range ({@code *}) and is loaded: 1.x kept the API it used.
 *
 * @param range the entry as written, {@code *} when the manifest has none
 */
record ApiRequirement(String range) {

    static final String ANY = "*";

    ApiRequirement {
        range = range == null || range.isBlank() ? ANY : range.trim();
    }

    /** Why a server providing plugin API {@code provided} must refuse the plugin, or empty when it may load it. */
    Optional<String> refusal(String provided, VersionManager versions) {
        boolean satisfied;
        try {
            satisfied = versions.checkVersionConstraint(provided, range);
        } catch (RuntimeException e) {
            return Optional.of("its manifest's Plugin-Requires '" + range + "' is not a version range such as ^"
                    + provided);
        }
        return satisfied ? Optional.empty()
                : Optional.of("built for plugin-api " + range + " (its Plugin-Requires); this server provides "
                        + "plugin-api " + provided);
    }
}
