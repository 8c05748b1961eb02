package io.inflow.server.resilience;

import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Jetty HTTP clients that send exactly the requests they are given, one each: no redirect is followed, and no
 * 401/407 challenge, 100-continue or upgrade sends a request of its own. Upstream calls need that so every request
 * passes the rate limiter; webhooks need it so a target cannot redirect a delivery elsewhere.
 */
public final class LiteralHttpClients {

    private LiteralHttpClients() {
    }

    /** A started client resolving host names as Jetty does. */
    public static HttpClient start(String name, String userAgent, Duration connectTimeout) {
        return start(name, userAgent, connectTimeout, null);
    }

    /** A started client resolving host names with {@code resolver}. */
    public static HttpClient start(String name, String userAgent, Duration connectTimeout,
                                   SocketAddressResolver resolver) {
        HttpClient jetty = new HttpClient();
        jetty.setConnectTimeout(connectTimeout.toMillis());
        jetty.setFollowRedirects(false);
        jetty.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, userAgent));
        jetty.setName(name);
        if (resolver != null) {
            jetty.setSocketAddressResolver(resolver);
        }
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the HTTP client " + name, e);
        }
        // added by start(): redirects, 401 and 407 challenges, 100-continue and upgrades would each send a request
        // of their own, and the challenges fail a 401 that names no scheme
        jetty.getProtocolHandlers().clear();
        return jetty;
    }
}
