package io.inflow.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of the plugin API a host provides, such as {@code 1.0.0}. It follows semantic versioning: a minor
 * version only adds (a plugin built against 1.0 loads on a 1.3 host), a major version may break. A plugin states
 * the range it needs in its manifest, in PF4J's {@code Plugin-Requires} entry ({@code ^1.0.0}: 1.0.0 or any later
 * 1.x); the host refuses a plugin whose range it does not satisfy.
 *
 * @since 1.0
 */
public final class ApiVersion {

    private static final String CURRENT = read();

    private ApiVersion() {
    }

    /** The version of the plugin API on the class path: the host's, when a plugin asks. */
    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = ApiVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("io/inflow/api/version.properties is missing from the plugin API");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
