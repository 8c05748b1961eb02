package io.inflow.e2e;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Another integration on the same upstream account, out of Inflow's control: it sends requests at its own pace
 * for a while, breaking the upstream's limit, and counts the answers it got.
 */
final class ForeignClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    /**
     * Sends {@code request()} {@code perSecond} times a second for {@code duration}, from the calling thread; answers
     * when it is done.
     */
    ForeignClient hammer(Supplier<HttpRequest> request, int perSecond, Duration duration) {
        long gapNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long end = System.nanoTime() + duration.toNanos();
        for (long next = System.nanoTime(); next < end; next += gapNanos) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return this;
                }
            }
            http.sendAsync(request.get(), HttpResponse.BodyHandlers.discarding()).thenAccept(answer -> {
                if (answer.statusCode() == 429) {
                    refused.incrementAndGet();
                }
            });
            sent.incrementAndGet();
        }
        return this;
    }

    /** One request, waited for; answers its body. */
    String call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int sent() {
        return sent.get();
    }

    int refused() {
        return refused.get();
    }
}
