package io.inflow.server.console;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Sends a folder's path without its slash to the folder ({@code /api/docs} to {@code /api/docs/}), whose page's relative links need it. */
final class RedirectServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final String location;

    RedirectServlet(String location) {
        this.location = location;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
        response.setHeader("Location", location);
    }
}
