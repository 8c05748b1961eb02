package io.inflow.server.console;

import io.dropwizard.jetty.setup.ServletEnvironment;
import io.dropwizard.servlets.assets.AssetServlet;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Properties;

/**
 * The web console and Swagger UI, static files on the application port beside the API: the console's page at
 * {@code /}, its modules and styles at {@code /console/*}, Swagger UI at {@code /api/docs/}. They need no key; every
 * API call they make sends one. Jersey keeps {@code /*}, so {@code /api/v1} and {@code /metrics} answer as before:
 * the servlet spec prefers an exact mapping, and then the longest prefix, to Jersey's.
 *
 * <p>The files live in a folder of their own ({@code web/}), not beside this package's classes, so that no class file
 * is ever served.
 */
public final class Console {

    static final String FILES = "/io/inflow/server/console/web";
    private static final String API_DOCS = "/io/inflow/server/console/api-docs";
    private static final String SWAGGER_UI = "/META-INF/resources/webjars/swagger-ui/";
    private static final String SWAGGER_UI_VERSION = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private Console() {
    }

    public static void serve(ServletEnvironment servlets) {
        // "" is the context root exactly: http://host:8080/ and nothing below it
        servlets.addServlet("console-page", new AssetServlet(FILES, "/", "index.html", StandardCharsets.UTF_8))
                .addMapping("");
        servlets.addServlet("console-files", new AssetServlet(FILES, "/console", null, StandardCharsets.UTF_8))
                .addMapping("/console/*");
        servlets.addServlet("api-docs-redirect", new RedirectServlet("/api/docs/")).addMapping("/api/docs");
        servlets.addServlet("api-docs", new AssetServlet(SWAGGER_UI + swaggerUiVersion(), "/api/docs", "index.html",
                StandardCharsets.UTF_8)).addMapping("/api/docs/*");
        // the WebJar's initializer opens the petstore; this one opens Inflow's document
        servlets.addServlet("api-docs-initializer", new AssetServlet(API_DOCS, "/api/docs", null,
                StandardCharsets.UTF_8)).addMapping("/api/docs/swagger-initializer.js");
        servlets.addFilter("console-headers", new StaticHeadersFilter("console-page", "console-files"))
                .addMappingForServletNames(EnumSet.of(DispatcherType.REQUEST), true, "console-page", "console-files",
                        "api-docs", "api-docs-initializer");
    }

    /** The WebJar's version, from its Maven properties: its files sit in a folder named after it. */
    static String swaggerUiVersion() {
        try (InputStream in = Console.class.getClassLoader().getResourceAsStream(SWAGGER_UI_VERSION)) {
            if (in == null) {
                throw new IllegalStateException(SWAGGER_UI_VERSION + " is missing from the server's class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
