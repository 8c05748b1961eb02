package io.inflow.server.resilience;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The request a redirect asks for, followed the way the JDK's client follows them by default (never from https
 * to http), but by the {@link ResilientUpstreamClient}, so that it passes the rate limiter like any request.
 * Credentials do not follow a redirect to another host.
 */
final class Redirects {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private Redirects() {
    }

    static Optional<HttpRequest> follow(HttpRequest request, HttpResponse<?> response) {
        if (!REDIRECTS.contains(response.statusCode())) {
            return Optional.empty();
        }
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty()) {
            return Optional.empty();
        }
        URI from = request.uri();
        URI to;
        try {
            to = from.resolve(location.get().trim());
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")
                || "https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http")) {
            return Optional.empty();
        }
        boolean sameHost = to.getHost() != null && to.getHost().equalsIgnoreCase(from.getHost())
                && to.getPort() == from.getPort();
        HttpRequest.Builder next = HttpRequest.newBuilder(request,
                (name, value) -> sameHost || !name.equalsIgnoreCase("Authorization")).uri(to);
        int status = response.statusCode();
        if (status == 303 || (status == 301 || status == 302) && request.method().equals("POST")) {
            next.GET();
        }
        return Optional.of(next.build());
    }
}
