package io.inflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.api.ConnectorException;
import io.inflow.api.ReadCancelledException;
import io.inflow.api.ResponseReader;
import io.inflow.testkit.FakeUpstream.Answer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The test kit's client retries as the server's does, against a real HTTP server. Time is a {@link TestClock} that
 * the client's waits move instead of sleeping, so every wait is exact.
 */
class TestUpstreamClientTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final List<Duration> waits = new ArrayList<>();
    private FakeUpstream upstream;

    /** Waits by moving the clock, and keeps each wait. */
    private final TestUpstreamClient.Pause ticking = (wait, cancelled) -> {
        waits.add(wait);
        clock.advance(wait);
    };

    @AfterEach
    void stop() {
        upstream.close();
    }

    private TestUpstreamClient client(Duration budget, Duration lockout) {
        return new TestUpstreamClient(1_000, lockout, new TestUpstreamClient.Retries(budget, Duration.ofMillis(100),
                Duration.ofSeconds(2), clock, ticking));
    }

    private TestUpstreamClient client() {
        return client(Duration.ofSeconds(30), Duration.ZERO);
    }

    /** Reads "ok" bodies; anything else is unreadable. */
    private static final ResponseReader<String> OK_BODIES = response -> {
        if (!response.body().equals("ok")) {
            throw new IOException("unreadable: " + response.body());
        }
        return response.body();
    };

    @Test
    void fetchRetriesAnAnswerItsReaderCannotReadAndReturnsTheFirstItCan() throws Exception {
        upstream = FakeUpstream.answering(Answer.of(200, "{\"truncat"), Answer.of(200, "{\"trunc"), Answer.of(200, "ok"));
        TestUpstreamClient client = client();

        String body = client.fetch(upstream.get("/page"), OK_BODIES);

        assertThat(body).isEqualTo("ok");
        assertThat(upstream.requests()).isEqualTo(3);
        assertThat(client.requests()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void serverErrorsAreRetriedWithABackoffThatDoubles() throws Exception {
        upstream = FakeUpstream.answering(Answer.of(503, ""), Answer.of(502, ""), Answer.of(500, ""),
                Answer.of(200, "ok"));

        HttpResponse<String> response = client().send(upstream.get("/page"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void anAnswerBrokenOffMidwayIsRetried() throws Exception {
        upstream = FakeUpstream.answering(Answer.BROKEN_OFF, Answer.of(200, "ok"));

        String body = client().fetch(upstream.get("/page"), OK_BODIES);

        assertThat(body).isEqualTo("ok");
        assertThat(upstream.requests()).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void aRetryAfterInSecondsIsWaitedOut() throws Exception {
        upstream = FakeUpstream.answering(Answer.of(429, "").withHeader("Retry-After", "3"), Answer.of(200, "ok"));

        String body = client().fetch(upstream.get("/page"), OK_BODIES);

        assertThat(body).isEqualTo("ok");
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void aRetryAfterAsAnHttpDateIsWaitedOutUntilThen() throws Exception {
        upstream = FakeUpstream.answering(
                Answer.of(503, "").withHeader("Retry-After", "Thu, 01 Jan 2026 00:00:07 GMT"), Answer.of(200, "ok"));

        String body = client().fetch(upstream.get("/page"), OK_BODIES);

        assertThat(body).isEqualTo("ok");
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aRetryAfterDateAlreadyPastIsNoWait() throws Exception {
        upstream = FakeUpstream.answering(
                Answer.of(429, "").withHeader("Retry-After", "Wed, 31 Dec 2025 23:59:00 GMT"), Answer.of(200, "ok"));

        client().fetch(upstream.get("/page"), OK_BODIES);

        assertThat(waits).containsExactly(Duration.ZERO);
    }

    @Test
    void aTooManyRequestsWithoutRetryAfterWaitsTheLockoutTheConnectorDeclares() throws Exception {
        upstream = FakeUpstream.answering(Answer.of(429, ""), Answer.of(200, "ok"));

        client(Duration.ofMinutes(1), Duration.ofSeconds(30)).fetch(upstream.get("/page"), OK_BODIES);

        assertThat(waits).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void aCallGivesUpWhenItsBudgetIsSpentSendAnsweringTheLastAnswerAndFetchSayingWhatWasTried() throws Exception {
        upstream = FakeUpstream.answering(Answer.of(503, "down"));

        HttpResponse<String> last = client(Duration.ofSeconds(1), Duration.ZERO).send(upstream.get("/page"));

        // 100 + 200 + 400 ms waited; the next 800 ms would end beyond the second
        assertThat(last.statusCode()).isEqualTo(503);
        assertThat(upstream.requests()).isEqualTo(4);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        waits.clear();
        assertThatThrownBy(() -> client(Duration.ofSeconds(1), Duration.ZERO).fetch(upstream.get("/page"), OK_BODIES))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("GET /page got no usable answer in 4 tries over 700 ms; last: HTTP 503");
    }

    @Test
    void anUnreadableAnswerThatStaysUnreadableEndsWithTheReadersComplaint() {
        upstream = FakeUpstream.answering(Answer.of(200, "{\"truncat"));

        assertThatThrownBy(() -> client(Duration.ofSeconds(1), Duration.ZERO).fetch(upstream.get("/page"), OK_BODIES))
                .isInstanceOf(IOException.class).hasMessageContaining("4 tries")
                .hasMessageContaining("unreadable: {\"truncat")
                .cause().hasMessage("unreadable: {\"truncat");
    }

    @Test
    void aRetryAfterBeyondTheBudgetGivesUpAtOnce() throws Exception {
        upstream = FakeUpstream.answering(Answer.of(429, "").withHeader("Retry-After", "120"), Answer.of(200, "ok"));

        HttpResponse<String> response = client().send(upstream.get("/page"));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(upstream.requests()).isOne();
        assertThat(waits).isEmpty();
    }

    @Test
    void otherClientErrorsAndWhatTheReaderExplainsAreNotRetried() throws Exception {
        upstream = FakeUpstream.answering(Answer.of(404, "gone"), Answer.of(401, "who?"));
        TestUpstreamClient client = client();

        HttpResponse<String> notFound = client.send(upstream.get("/page"));
        assertThatThrownBy(() -> client.fetch(upstream.get("/page"), response -> {
            throw new ConnectorException("refused: " + response.body());
        })).isInstanceOf(ConnectorException.class).hasMessage("refused: who?");

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(upstream.requests()).isEqualTo(2);
        assertThat(waits).isEmpty();
    }

    @Test
    void aCallOfACancelledReadStopsWaiting() {
        upstream = FakeUpstream.answering(Answer.of(503, ""));
        boolean[] cancelled = {false};
        BooleanSupplier isCancelled = () -> cancelled[0];
        TestUpstreamClient read = client().forRead(isCancelled, count -> cancelled[0] = count == 2);

        assertThatThrownBy(() -> read.send(upstream.get("/page"))).isInstanceOf(ReadCancelledException.class);
        assertThat(upstream.requests()).isEqualTo(2);
    }

    @Test
    void byDefaultTheClientReallySleeps() throws Exception {
        upstream = FakeUpstream.answering(Answer.of(429, "").withHeader("Retry-After", "1"), Answer.of(200, "ok"));
        TestUpstreamClient client = new TestUpstreamClient(1_000, Duration.ZERO, TestUpstreamClient.Retries.DEFAULT);
        long started = System.nanoTime();

        client.fetch(upstream.get("/page"), OK_BODIES);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(upstream.requests()).isEqualTo(2);
    }
}
