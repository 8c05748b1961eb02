package io.inflow.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.server.errors.ErrorView;
import io.inflow.server.errors.InflowException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks for an API key holding {@code role} on Dropwizard's admin port, in the API's JSON errors: 401 without a valid
 * key, 403 for a key without the role. Mapped to {@code /tasks/*} with {@link Roles#ADMIN} always, since tasks act on
 * the server (a GC, a log level); mapped to {@code /*} with {@link Roles#VIEWER} (any key) only with
 * {@code auth.protectAdminPort}, since the rest is monitoring that Prometheus and load balancers read.
 */
public final class AdminPortKeyFilter implements Filter {

    private static final String BEARER = "bearer ";

    private final ApiKeyRing keys;
    private final String role;
    private final ObjectMapper json;

    public AdminPortKeyFilter(ApiKeyRing keys, String role, ObjectMapper json) {
        this.keys = keys;
        this.role = role;
        this.json = json;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<ApiKeyPrincipal> caller = callerOf((HttpServletRequest) request);
        HttpServletResponse answer = (HttpServletResponse) response;
        if (caller.isEmpty()) {
            answer.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            answer.setHeader("WWW-Authenticate", "Bearer realm=\"" + ApiAuthFeature.REALM + "\"");
            write(answer, JsonUnauthorizedHandler.ERROR);
        } else if (!caller.get().grants(role)) {
            InflowException forbidden = RequiredRoleFilter.forbidden(caller.get(), role);
            answer.setStatus(forbidden.kind().status());
            write(answer, new ErrorView(forbidden.code(), forbidden.getMessage(), forbidden.details()));
        } else {
            chain.doFilter(request, response);
        }
    }

    private Optional<ApiKeyPrincipal> callerOf(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        boolean bearer = header != null && header.length() > BEARER.length()
                && header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER);
        return bearer ? keys.authenticate(header.substring(BEARER.length()).trim()) : Optional.empty();
    }

    private void write(HttpServletResponse answer, ErrorView error) throws IOException {
        answer.setContentType("application/json");
        json.writeValue(answer.getOutputStream(), error);
    }
}
