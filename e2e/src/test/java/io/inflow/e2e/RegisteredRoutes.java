package io.inflow.e2e;

import io.inflow.server.auth.ApiAuthFeature;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Every route of a running test server, found through its Jersey configuration rather than listed by hand, so a
 * route added later cannot escape the tests that walk them all.
 */
final class RegisteredRoutes {

    /** One resource method: its HTTP method, path template, required role, whether it reads a body, its queries. */
    record Route(String method, String path, String role, boolean takesBody, List<String> queryParams) {
    }

    private RegisteredRoutes() {
    }

    static List<Route> of(TestServer server) {
        List<Route> routes = new ArrayList<>();
        // Dropwizard registers each resource instance through a binder, and its class
        for (Class<?> type : server.app.getEnvironment().jersey().getResourceConfig().getClasses()) {
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                Arrays.stream(method.getAnnotations())
                        .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class))
                        .filter(Objects::nonNull)
                        .findFirst()
                        .ifPresent(http -> routes.add(route(type, method, root, http)));
            }
        }
        return routes;
    }

    private static Route route(Class<?> type, Method method, Path root, HttpMethod http) {
        Path sub = method.getAnnotation(Path.class);
        String path = (root.value() + (sub == null ? "" : "/" + sub.value())).replace("//", "/");
        List<String> queryParams = Arrays.stream(method.getParameters())
                .map(parameter -> parameter.getAnnotation(QueryParam.class))
                .filter(Objects::nonNull).map(QueryParam::value).toList();
        boolean takesBody = Arrays.stream(method.getParameters()).anyMatch(RegisteredRoutes::isEntity);
        return new Route(http.value(), path, ApiAuthFeature.requiredRole(type, method), takesBody, queryParams);
    }

    /** A resource method's parameter without JAX-RS or auth annotations is its request body. */
    private static boolean isEntity(Parameter parameter) {
        for (Annotation annotation : parameter.getAnnotations()) {
            String annotationPackage = annotation.annotationType().getPackageName();
            if (annotationPackage.startsWith("jakarta.ws.rs") || annotationPackage.startsWith("io.dropwizard.auth")) {
                return false;
            }
        }
        return true;
    }
}
