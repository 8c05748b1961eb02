package io.inflow.server.resilience;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

/** The body a connector's {@link HttpRequest} carries, as bytes. */
final class RequestBodies {

    private RequestBodies() {
    }

    static byte[] bytesOf(HttpRequest request) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = request.bodyPublisher().orElse(null);
        if (publisher == null || publisher.contentLength() == 0) {
            return new byte[0];
        }
        CompletableFuture<byte[]> collected = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable failure) {
                collected.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                collected.complete(bytes.toByteArray());
            }
        });
        try {
            return collected.get();
        } catch (ExecutionException e) {
            throw new IOException("could not read the body of the request to " + request.uri().getHost(), e.getCause());
        }
    }
}
