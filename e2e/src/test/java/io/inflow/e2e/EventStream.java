package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A client of a {@code text/event-stream} answer, as the console's {@code fetch} reads one: it sends the API key
 * as a bearer header, and parses the lines into events ({@code id:}, {@code event:}, {@code data:}) and heartbeat
 * comments, on a thread of its own.
 */
final class EventStream implements AutoCloseable {

    /** One event: its id, its type and its data's JSON. */
    record Event(long id, String type, JsonNode data) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> comments = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger malformed = new AtomicInteger();
    private final Thread reader;
    private final java.util.concurrent.CompletableFuture<String> firstLine = new java.util.concurrent.CompletableFuture<>();

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a stream with {@code key} (null: none) and extra headers; answers once the headers arrived. */
    static EventStream open(String url, String key, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET()
                .header("Accept", "text/event-stream");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            EventStream stream = new EventStream(response);
            if (response.statusCode() == 200) {
                // the status, headers and first line must fit the document; the stream has no end to check
                OpenApiAnswers.check(response.request(), 200, response.headers(), stream.firstLine() + "\n");
            }
            return stream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static EventStream open(String url) {
        return open(url, TestKeys.VIEWER, Map.of());
    }

    int status() {
        return response.statusCode();
    }

    HttpHeaders headers() {
        return response.headers();
    }

    /** The comment lines received so far ({@code heartbeat} each). */
    List<String> comments() {
        return comments;
    }

    /** The events received until one matches {@code last}, that one included; fails after {@code timeout}. */
    List<Event> until(Predicate<Event> last, Duration timeout) {
        List<Event> received = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Event event = next(Duration.between(Instant.now(), deadline));
            received.add(event);
            if (last.test(event)) {
                return received;
            }
        }
    }

    /** The next event; fails when none comes within {@code timeout}. */
    Event next(Duration timeout) {
        try {
            Event event = events.poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within %s (malformed lines: %s)", timeout, malformed.get()).isNotNull();
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The events received and not taken yet. */
    List<Event> drain() {
        List<Event> left = new ArrayList<>();
        events.drainTo(left);
        return left;
    }

    /** The stream's first line: every stream opens with a heartbeat, so that its client sees the headers at once. */
    String firstLine() {
        try {
            return firstLine.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no first line within 10 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }

    private void read() {
        Long id = null;
        String type = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) response.body()::iterator) {
                firstLine.complete(line);
                if (line.isEmpty()) {
                    if (type != null && id != null) {
                        events.add(new Event(id, type, Json.parse(data.toString())));
                    } else if (data.length() > 0) {
                        malformed.incrementAndGet();
                    }
                    id = null;
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("id:")) {
                    id = Long.parseLong(value(line));
                } else if (line.startsWith("event:")) {
                    type = value(line);
                } else if (line.startsWith("data:")) {
                    data.append(value(line));
                } else {
                    malformed.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            // the stream was closed
        }
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
