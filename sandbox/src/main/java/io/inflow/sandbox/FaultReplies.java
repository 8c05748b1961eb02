package io.inflow.sandbox;

import io.inflow.sandbox.faults.RequestFaults;
import io.inflow.sandbox.http.Reply;
import io.inflow.sandbox.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a request's answer-level fault into what its client gets: nothing (drop), a 5xx, an
 * injected 429, or the normal answer late (slow). A 500 comes from the API itself, in its own
 * words; 502 and 503 come from the gateway in front of it, so they carry a gateway's HTML page
 * (502) or nothing at all (503), never the API's JSON.
 *
 * @param internalError the API's own 500 answer
 * @param tooManyRequests the API's own 429 answer; {@code Retry-After: 1} is added to it
 */
public record FaultReplies(Response internalError, Response tooManyRequests) {

    public Reply reply(RequestFaults faults, Response normal) {
        return faults.answerFault().map(fault -> switch (fault) {
            case DROP -> Reply.drop();
            case HTTP_5XX -> Reply.now(serverError(faults.serverErrorStatus()));
            case HTTP_429 -> Reply.now(withRetryAfter(tooManyRequests));
            case SLOW -> Reply.after(faults.slowness(), normal);
            default -> throw new IllegalStateException(fault + " is not an answer-level fault");
        }).orElseGet(() -> Reply.now(normal));
    }

    private Response serverError(int status) {
        return switch (status) {
            case 502 -> badGateway();
            case 503 -> new Response(503, new byte[0], "text/plain", Map.of());
            default -> internalError;
        };
    }

    private static Response badGateway() {
        String page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                + "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";
        return new Response(502, page.getBytes(StandardCharsets.US_ASCII), "text/html", Map.of());
    }

    private static Response withRetryAfter(Response response) {
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put("Retry-After", "1");
        return new Response(response.status(), response.body(), response.contentType(), headers);
    }
}
