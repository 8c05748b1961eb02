package io.inflow.server.console;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * The headers of the static files. {@code no-cache}: a browser keeps them but asks again each time, and the ETag
 * makes that a 304, so an upgraded server's files are used at once (their names carry no version). The console's
 * own files get a content security policy that lets its page run only its own scripts and talk only to its own
 * server: the API key sits in the page's session storage, where an injected script could read it.
 */
final class StaticHeadersFilter implements Filter {

    static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Set<String> consoleServlets;

    StaticHeadersFilter(String... consoleServlets) {
        this.consoleServlets = Set.of(consoleServlets);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        http.setHeader("Cache-Control", "no-cache");
        http.setHeader("X-Content-Type-Options", "nosniff");
        http.setHeader("Referrer-Policy", "no-referrer");
        String servlet = ((HttpServletRequest) request).getHttpServletMapping().getServletName();
        if (consoleServlets.contains(servlet)) {
            http.setHeader("Content-Security-Policy", CONSOLE_POLICY);
        } else {
            http.setHeader("X-Frame-Options", "DENY");
        }
        chain.doFilter(request, response);
    }
}
