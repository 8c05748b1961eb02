package io.inflow.e2e;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * How tests that call every route read answers: a body read whole as text, except a server-sent event stream
 * ({@code text/event-stream}), which never ends by itself. Of such an answer only the status and headers are read,
 * and the connection is closed: a test that walks the API's routes gets an answer from the event routes too.
 */
final class AnswerBodies {

    private AnswerBodies() {
    }

    /** Text, or an empty body for an event stream (whose connection is then closed). */
    static HttpResponse.BodyHandler<String> textButNotEventStreams() {
        return info -> isEventStream(info) ? new HeadersOnly()
                : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
    }

    private static boolean isEventStream(HttpResponse.ResponseInfo info) {
        return info.headers().firstValue("Content-Type").map(type -> type.toLowerCase(Locale.ROOT))
                .filter(type -> type.startsWith("text/event-stream")).isPresent();
    }

    /** Completes at once with an empty body and cancels the stream, which closes its connection. */
    private static final class HeadersOnly implements HttpResponse.BodySubscriber<String> {

        @Override
        public CompletionStage<String> getBody() {
            return CompletableFuture.completedFuture("");
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
