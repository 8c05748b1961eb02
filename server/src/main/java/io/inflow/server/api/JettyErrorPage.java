package io.inflow.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.server.errors.ErrorView;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers in the API's JSON {@code {code, message, details}}, in place of its HTML page: the
 * requests Jetty refuses before any API code sees them (a URI or headers too large, an ambiguous or malformed URI)
 * and the errors a servlet or filter sends (Dropwizard's 405 for {@code TRACE}, the admin port's 404). It is the
 * server's error handler, so both ports answer this way; whatever the client accepts, the answer is JSON. Never a
 * stack trace or an exception's name: Jetty logs those.
 */
public final class JettyErrorPage implements Request.Handler {

    /** Begins the message of a 400 Jetty answers before the API reads the request. */
    static final String REFUSED = "the request was refused before the API read it";

    private final ObjectMapper json;

    public JettyErrorPage(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int status = response.getStatus();
        String reason = (String) request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        if (request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof HttpException http) {
            status = http.getCode();
            response.setStatus(status);
            if (reason == null) {
                reason = http.getReason();
            }
        }
        response.getHeaders().put(ErrorHandler.ERROR_CACHE_CONTROL);
        if (HttpStatus.hasNoBody(status)) {
            callback.succeeded();
            return true;
        }
        byte[] body = json.writeValueAsBytes(view(status, reason, request));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static ErrorView view(int status, String reason, Request request) {
        return switch (status) {
            case 400 -> new ErrorView("bad_request", REFUSED + ": "
                    + (reason == null || reason.isBlank() ? "it is not valid HTTP" : reason), Map.of());
            case 404 -> new ErrorView("not_found", "no such resource", Map.of());
            case 405 -> new ErrorView("method_not_allowed", "method " + request.getMethod() + " is not allowed here",
                    Map.of());
            case 414 -> new ErrorView("uri_too_long", "the request URI is too long: the request line and headers "
                    + "may take " + headerLimit(request) + " bytes at most", Map.of("maxBytes", headerLimit(request)));
            case 431 -> new ErrorView("request_header_fields_too_large", "the request headers are too large: the "
                    + "request line and headers may take " + headerLimit(request) + " bytes at most",
                    Map.of("maxBytes", headerLimit(request)));
            case 500 -> new ErrorView("internal_error", "the server failed to handle this request; the log has the "
                    + "details", Map.of());
            default -> {
                String phrase = HttpStatus.getMessage(status);
                yield new ErrorView(phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"),
                        phrase.toLowerCase(Locale.ROOT), Map.of());
            }
        };
    }

    /** Jetty reads a request line and its headers into one buffer of this size. */
    private static int headerLimit(Request request) {
        return request.getConnectionMetaData().getHttpConfiguration().getRequestHeaderSize();
    }
}
