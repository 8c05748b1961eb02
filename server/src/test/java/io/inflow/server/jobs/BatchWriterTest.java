package io.inflow.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.inflow.server.store.CommitOutcome;
import io.inflow.server.store.StorableBatch;
import io.inflow.server.store.StorableRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    private final List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());
    private final List<CommitOutcome> told = Collections.synchronizedList(new ArrayList<>());

    @Test
    void pagesWaitingWhileTheWriterIsBusyAreStoredTogetherInOrderAndFinishWaitsForTheLast() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BatchWriter writer = new BatchWriter("test-writer", group -> {
            firstStarted.countDown();
            waitFor(release);
            return store(group);
        }, told::add, 8, 250);

        writer.submit(page(1));
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        for (int page = 2; page <= 6; page++) {
            writer.submit(page(page));
        }
        release.countDown();
        writer.finish();

        assertThat(transactions).as("page 1 alone, then the waiting pages 100 records at a time up to 250")
                .containsExactly(List.of("p1"), List.of("p2", "p3"), List.of("p4", "p5"), List.of("p6"));
        assertThat(told).extracting(CommitOutcome::inserted).containsExactly(100, 200, 200, 100);
    }

    @Test
    void aReaderFasterThanTheDatabaseIsHeldBackAtTheLimitOfWaitingPages() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BatchWriter writer = new BatchWriter("test-writer", group -> {
            waitFor(release);
            return store(group);
        }, told::add, 2, 10_000);
        AtomicInteger submitted = new AtomicInteger();
        Thread reader = new Thread(() -> IntStream.rangeClosed(1, 5).forEach(page -> {
            try {
                writer.submit(page(page));
                submitted.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        reader.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> submitted.get() >= 3);
        Thread.sleep(200);
        assertThat(submitted.get()).as("the pages in the blocked writer's transaction and two waiting: the rest wait")
                .isBetween(3, 4);
        release.countDown();
        reader.join(5_000);
        writer.finish();
        assertThat(transactions.stream().flatMap(List::stream)).containsExactly("p1", "p2", "p3", "p4", "p5");
    }

    @Test
    void aFailureToStoreIsThrownByTheNextSubmitAndByFinish() throws Exception {
        IllegalStateException broken = new IllegalStateException("the database is gone");
        BatchWriter writer = new BatchWriter("test-writer", group -> {
            throw broken;
        }, told::add, 8, 1_000);

        writer.submit(page(1));

        await().atMost(Duration.ofSeconds(5)).until(() -> {
            try {
                writer.submit(page(2));
                return false;
            } catch (IllegalStateException e) {
                return e == broken;
            }
        });
        assertThatThrownBy(() -> writer.submit(page(3))).isSameAs(broken);
        assertThatThrownBy(writer::finish).isSameAs(broken);
        assertThat(told).isEmpty();
    }

    private CommitOutcome store(List<StorableBatch> group) {
        transactions.add(group.stream().map(StorableBatch::position).toList());
        return new CommitOutcome(group.stream().mapToInt(batch -> batch.records().size()).sum(), 0, 0, 0, 0, false);
    }

    private static StorableBatch page(int number) {
        List<StorableRecord> records = IntStream.range(0, 100)
                .mapToObj(i -> new StorableRecord(number + "-" + i, "{}", new UUID(0, i), null)).toList();
        return new StorableBatch(records, List.of(), List.of(), "p" + number);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
