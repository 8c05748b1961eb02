package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Many idle clients of {@code GET /api/v1/events} on one server in this JVM: no thread is any client's (the server's
 * and the test clients' threads together grow by far fewer than the clients), memory grows by a bounded amount per
 * client, and an event reaches every one of them. Isolated: it measures the whole JVM.
 */
@Isolated
@ExtendWith(DropwizardExtensionsSupport.class)
class EventsManyClientsTest {

    private static final int CLIENTS = 200;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("events.heartbeatInterval", "1s"));
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP = SERVER.app;

    @Test
    void twoHundredIdleClientsCostNoThreadEachAndBoundedMemoryAndEachGetsEveryEvent() {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(executor).build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            Client warmUp = Client.open(http, SERVER.api("/events"));
            await().atMost(WAIT).until(() -> warmUp.heartbeats.get() >= 2);
            warmUp.close();
            int threadsBefore = threads.getThreadCount();
            long heapBefore = usedHeapAfterGc();

            List<Client> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(Client.open(http, SERVER.api("/events")));
                if (i % 20 == 19) { // as browsers arrive, not all in one instant
                    List<Client> opened = List.copyOf(clients);
                    await().atMost(WAIT).until(() -> opened.stream().allMatch(client -> client.heartbeats.get() >= 1));
                }
            }
            await().atMost(WAIT).until(() -> clients.stream().allMatch(client -> client.heartbeats.get() >= 3));
            int threadsWith = threads.getThreadCount();
            long heapWith = usedHeapAfterGc();

            assertThat(IMPORTS.post("/scheduler/stop", "").status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> clients.stream().allMatch(client -> client.events.get() >= 1));
            assertThat(IMPORTS.post("/scheduler/start", "").status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> clients.stream().allMatch(client -> client.events.get() >= 2));
            clients.forEach(Client::close);

            System.out.printf("%d idle event streams: %+d threads, %+.1f MB of heap after GC%n", CLIENTS,
                    threadsWith - threadsBefore, (heapWith - heapBefore) / 1e6);
            assertThat(threadsWith - threadsBefore).as("threads for %d clients", CLIENTS).isLessThan(CLIENTS / 5);
            assertThat(heapWith - heapBefore).as("heap for %d clients", CLIENTS).isLessThan(CLIENTS * 100_000L);
        } finally {
            executor.shutdownNow();
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A stream read without a thread of its own: it counts heartbeats and events, and keeps nothing. */
    private static final class Client implements Flow.Subscriber<String> {
        final AtomicInteger heartbeats = new AtomicInteger();
        final AtomicInteger events = new AtomicInteger();
        private volatile Flow.Subscription subscription;

        static Client open(HttpClient http, String url) {
            Client client = new Client();
            http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TestKeys.VIEWER)
                    .header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(client));
            return client;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.equals(": heartbeat")) {
                heartbeats.incrementAndGet();
            } else if (line.startsWith("event: scheduler.")) {
                events.incrementAndGet();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // closed
        }

        @Override
        public void onComplete() {
            // closed
        }

        void close() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }
}
