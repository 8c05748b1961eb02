package io.inflow.server.resilience;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpField;

/**
 * The transport of upstream calls, on Jetty's HTTP client: it sends each request once, never again by itself (the
 * JDK's client silently resends a GET once after a connection closed without an answer, outside any rate
 * limiter), and follows no redirect and answers no authentication challenge on its own. Connections are pooled
 * and kept alive. Answers are read whole, as the connectors' pages are.
 */
final class JettyUpstreamTransport implements UpstreamTransport {

    /** The largest answer read; a larger one fails the call with a clear message. */
    static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

    private final org.eclipse.jetty.client.HttpClient jetty;
    private final Duration connectTimeout;

    JettyUpstreamTransport(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        jetty = LiteralHttpClients.start("inflow-upstream", "Inflow", connectTimeout);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler, Duration timeout)
            throws IOException, InterruptedException {
        Request exchange = jetty.newRequest(request.uri())
                .method(request.method())
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .headers(headers -> request.headers().map().forEach((name, values) ->
                        values.forEach(value -> headers.add(name, value))));
        byte[] body = RequestBodies.bytesOf(request);
        if (body.length > 0) {
            exchange.body(new BytesRequestContent(request.headers().firstValue("Content-Type").orElse(null), body));
        }
        ContentResponse answer;
        try {
            answer = new CompletableResponseListener(exchange, MAX_ANSWER_BYTES).send().get();
        } catch (InterruptedException e) {
            exchange.abort(e);
            throw e;
        } catch (ExecutionException e) {
            throw NoAnswer.explain(request.uri(), e.getCause(), connectTimeout, timeout);
        }
        return TransportResponse.of(request, answer.getStatus(), headersOf(answer), answer.getContent(), bodyHandler);
    }

    private static HttpHeaders headersOf(ContentResponse answer) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : answer.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return HttpHeaders.of(headers, (name, value) -> true);
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the HTTP client for upstream calls", e);
        }
    }

    /** An answer as {@link java.net.http} shows it, its body read by the connector's handler. */
    record TransportResponse<T>(int statusCode, HttpRequest request, HttpHeaders headers, T body)
            implements HttpResponse<T> {

        static <T> TransportResponse<T> of(HttpRequest request, int status, HttpHeaders headers, byte[] content,
                                           BodyHandler<T> bodyHandler) throws IOException, InterruptedException {
            ResponseInfo info = new ResponseInfo() {
                @Override
                public int statusCode() {
                    return status;
                }

                @Override
                public HttpHeaders headers() {
                    return headers;
                }

                @Override
                public HttpClient.Version version() {
                    return HttpClient.Version.HTTP_1_1;
                }
            };
            BodySubscriber<T> subscriber = bodyHandler.apply(info);
            subscriber.onSubscribe(new WholeBody(subscriber, ByteBuffer.wrap(content)));
            try {
                return new TransportResponse<>(status, request, headers, subscriber.getBody().toCompletableFuture().get());
            } catch (ExecutionException e) {
                throw new IOException("could not read the answer of " + request.uri().getHost() + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        }

        @Override
        public java.util.Optional<HttpResponse<T>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    /** Hands a body already read to a body subscriber: all of it at its first demand, then the end. */
    private static final class WholeBody implements Flow.Subscription {
        private final HttpResponse.BodySubscriber<?> subscriber;
        private final ByteBuffer body;
        private boolean started;
        private boolean cancelled;

        WholeBody(HttpResponse.BodySubscriber<?> subscriber, ByteBuffer body) {
            this.subscriber = subscriber;
            this.body = body;
        }

        @Override
        public synchronized void request(long n) {
            // a request made from onNext, as subscribers do, is answered by the onComplete that follows it
            if (started || cancelled) {
                return;
            }
            started = true;
            if (n <= 0) {
                subscriber.onError(new IllegalArgumentException("a subscriber must request at least one item"));
                return;
            }
            if (body.hasRemaining()) {
                subscriber.onNext(List.of(body));
            }
            if (!cancelled) {
                subscriber.onComplete();
            }
        }

        @Override
        public synchronized void cancel() {
            cancelled = true;
        }
    }
}
