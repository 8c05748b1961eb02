package io.inflow.sandbox.toast;

import io.inflow.sandbox.Deletion;
import io.inflow.sandbox.DeletionRequests;
import io.inflow.sandbox.Restoration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Deletes orders as Toast does (combining a check into another order deletes the order it came from): the order
 * stays in {@code ordersBulk}, marked {@code deleted} with its {@code deletedDate}, and its {@code modifiedDate}
 * moves to that instant so a read by modified time picks it up. Each delete picks distinct orders among those not
 * deleted, from the seed and the number of earlier deletes. A restore clears the mark and moves
 * {@code modifiedDate} again.
 */
final class OrderDeleter {

    /** Keeps the deletes' random streams apart from the modifications'. */
    private static final long KIND = 0x44656C657465L;

    private final long seed;
    private final OrderBook book;
    private final Clock clock;
    private long calls;

    OrderDeleter(long seed, OrderBook book, Clock clock) {
        this.seed = seed;
        this.book = book;
        this.clock = clock;
    }

    synchronized Deletion delete(int count) {
        return book.write(() -> {
            int[] live = book.indexes(order -> !order.deleted());
            DeletionRequests.checkCount(count, live.length);
            calls++;
            int[] picks = DeletionRequests.distinct(count, live.length, DeletionRequests.random(seed, KIND, calls));
            int[] indexes = new int[count];
            List<String> guids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                indexes[i] = live[picks[i]];
                guids.add(book.get(indexes[i]).guid());
            }
            book.delete(indexes, clock.millis());
            return new Deletion(count, guids);
        });
    }

    /** All or nothing: every GUID must name a deleted order. */
    synchronized Restoration restore(List<String> guids) {
        return book.write(() -> {
            int[] indexes = new int[guids.size()];
            for (int i = 0; i < guids.size(); i++) {
                OptionalInt index = book.indexOf(guids.get(i));
                if (index.isEmpty()) {
                    throw DeletionRequests.unknownId(guids.get(i));
                }
                if (!book.get(index.getAsInt()).deleted()) {
                    throw DeletionRequests.notDeleted(guids.get(i));
                }
                indexes[i] = index.getAsInt();
            }
            book.restore(indexes, clock.millis());
            return new Restoration(guids.size(), guids);
        });
    }

    /** Brings every deleted order back; changes nothing when none is deleted. */
    synchronized Restoration restoreAll() {
        return book.write(() -> {
            int[] indexes = book.indexes(Order::deleted);
            List<String> guids = new ArrayList<>(indexes.length);
            for (int index : indexes) {
                guids.add(book.get(index).guid());
            }
            if (indexes.length > 0) {
                book.restore(indexes, clock.millis());
            }
            return new Restoration(indexes.length, guids);
        });
    }
}
