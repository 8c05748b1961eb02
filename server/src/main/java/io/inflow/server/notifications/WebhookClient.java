package io.inflow.server.notifications;

import io.inflow.server.resilience.LiteralHttpClients;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Posts webhooks with Jetty's HTTP client: each request once (never resent by the client), no redirect followed,
 * the target's address checked as the connection opens ({@link GuardedResolver}), the whole exchange within the
 * timeout, and at most {@link #MAX_ANSWER_BYTES} of the answer read.
 */
public final class WebhookClient implements AutoCloseable {

    /** The most of an answer's body read and kept: enough to show what a target said. */
    public static final int MAX_ANSWER_BYTES = 4 * 1024;

    private final HttpClient jetty;
    private final Duration timeout;
    private final Clock clock;

    public WebhookClient(TargetGuard guard, Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
        jetty = LiteralHttpClients.start("inflow-webhooks", "Inflow-Webhooks", timeout, new GuardedResolver(guard,
                host -> java.util.List.of(java.net.InetAddress.getAllByName(host))));
    }

    /** Posts {@code body} as JSON with {@code headers}; never throws for what the target did. */
    public TargetAnswer post(URI url, Map<String, String> headers, byte[] body) throws InterruptedException {
        Request request = jetty.newRequest(url).method("POST")
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .body(new BytesRequestContent("application/json", body));
        request.headers(fields -> headers.forEach(fields::add));
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        Response response;
        try {
            response = listener.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            request.abort(e);
            return TargetAnswer.retry(null, null, "no answer within " + timeout.toSeconds() + " s", Optional.empty());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            for (Throwable link = cause; link != null; link = link.getCause()) {
                if (link instanceof TargetRefusedException refused) {
                    return TargetAnswer.failed(null, null, "refused to connect: " + refused.getMessage());
                }
            }
            return TargetAnswer.retry(null, null, "no answer: " + describe(cause), Optional.empty());
        }
        String excerpt;
        try (InputStream in = listener.getInputStream()) {
            excerpt = new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            excerpt = null;
        }
        return TargetAnswer.ofHttp(response.getStatus(), excerpt,
                Optional.ofNullable(response.getHeaders().get(HttpHeader.RETRY_AFTER)).flatMap(this::retryAfter));
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    /** {@code Retry-After} in seconds or as an HTTP date. */
    Optional<Duration> retryAfter(String value) {
        String trimmed = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(clock.instant(),
                        ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            // stopping: nothing left to do
        }
    }
}
