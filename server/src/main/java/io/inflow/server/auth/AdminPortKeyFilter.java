package io.inflow.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * Asks for an API key (any role) on Dropwizard's admin port, when {@code auth.protectAdminPort} is on. The admin
 * port is open by default: it is meant for a private network, where Prometheus and load balancers probe it.
 */
public final class AdminPortKeyFilter implements Filter {

    private static final String BEARER = "bearer ";

    private final ApiKeyRing keys;
    private final ObjectMapper json;

    public AdminPortKeyFilter(ApiKeyRing keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String header = ((HttpServletRequest) request).getHeader("Authorization");
        boolean bearer = header != null && header.length() > BEARER.length()
                && header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER);
        if (bearer && keys.authenticate(header.substring(BEARER.length()).trim()).isPresent()) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse answer = (HttpServletResponse) response;
        answer.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        answer.setHeader("WWW-Authenticate", "Bearer realm=\"" + ApiAuthFeature.REALM + "\"");
        answer.setContentType("application/json");
        json.writeValue(answer.getOutputStream(), JsonUnauthorizedHandler.ERROR);
    }
}
