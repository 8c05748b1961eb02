package io.inflow.sandbox.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the first route whose method and path match. Anything else goes to the fallback, which
 * also covers a known path asked with the wrong method, as Airtable answers both alike.
 */
public final class Router implements Handler {

    private record Route(String method, PathPattern pattern, Handler handler) {}

    private final List<Route> routes;
    private final Handler fallback;

    private Router(List<Route> routes, Handler fallback) {
        this.routes = List.copyOf(routes);
        this.fallback = fallback;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Response handle(Request request) {
        List<String> segments = request.rawSegments();
        for (Route route : routes) {
            if (!route.method().equals(request.method())) {
                continue;
            }
            Optional<Map<String, String>> captures = route.pattern().match(segments);
            if (captures.isPresent()) {
                return route.handler().handle(request.withPathParams(captures.get()));
            }
        }
        return fallback.handle(request);
    }

    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        public Builder get(String pattern, Handler handler) {
            return route("GET", pattern, handler);
        }

        public Builder post(String pattern, Handler handler) {
            return route("POST", pattern, handler);
        }

        public Builder route(String method, String pattern, Handler handler) {
            routes.add(new Route(method, PathPattern.of(pattern), handler));
            return this;
        }

        public Router build(Handler fallback) {
            return new Router(routes, fallback);
        }
    }
}
