package io.inflow.sandbox.toast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The restaurant's orders, kept in GUID order, which is the order the fake answers them in: unrelated to when they
 * were modified, so a client cannot lean on an order Toast does not promise. Deleted orders stay, marked deleted.
 * Reads see either all or none of a change.
 */
final class OrderBook {

    private final Order[] orders;
    private final Map<String, Integer> indexByGuid = new HashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private long latestModification;

    OrderBook(List<Order> generated) {
        this.orders = generated.stream().sorted(Comparator.comparing(Order::guid)).toArray(Order[]::new);
        for (int i = 0; i < orders.length; i++) {
            indexByGuid.put(orders[i].guid(), i);
            latestModification = Math.max(latestModification, orders[i].modifiedAt());
        }
    }

    /** Every order, deleted ones included. */
    int size() {
        return orders.length;
    }

    /** The orders not deleted. */
    int liveCount() {
        lock.readLock().lock();
        try {
            int live = 0;
            for (Order order : orders) {
                live += order.deleted() ? 0 : 1;
            }
            return live;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The indexes of the orders for which {@code filter} holds, in the book's order. Call under {@link #write}. */
    int[] indexes(Predicate<Order> filter) {
        int[] indexes = new int[orders.length];
        int count = 0;
        for (int i = 0; i < orders.length; i++) {
            if (filter.test(orders[i])) {
                indexes[count++] = i;
            }
        }
        return Arrays.copyOf(indexes, count);
    }

    OptionalInt indexOf(String guid) {
        Integer index = indexByGuid.get(guid);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    /** Runs a choice and the changes it makes as one: no other change comes in between. */
    <T> T write(Supplier<T> writing) {
        lock.writeLock().lock();
        try {
            return writing.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The orders that match, in the book's order, as they are now. */
    List<Order> select(Predicate<Order> filter) {
        lock.readLock().lock();
        try {
            List<Order> selected = new ArrayList<>();
            for (Order order : orders) {
                if (filter.test(order)) {
                    selected.add(order);
                }
            }
            return selected;
        } finally {
            lock.readLock().unlock();
        }
    }

    Optional<Order> find(String guid) {
        lock.readLock().lock();
        try {
            Integer index = indexByGuid.get(guid);
            return index == null ? Optional.empty() : Optional.of(orders[index]);
        } finally {
            lock.readLock().unlock();
        }
    }

    Order get(int index) {
        lock.readLock().lock();
        try {
            return orders[index];
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Modifies the orders at these indexes, all at one instant: {@code now}, or a millisecond past the latest
     * earlier modification if the clock has not moved past it.
     *
     * @return the modification time they were given
     */
    long modify(int[] indexes, long now, String device) {
        return change(indexes, now, at -> order -> order.modified(at, device));
    }

    /** Marks these orders deleted, at one instant chosen as {@link #modify} chooses it; answers that instant. */
    long delete(int[] indexes, long now) {
        return change(indexes, now, at -> order -> order.deletedAt(at));
    }

    /** Clears these orders' deletion, at one instant chosen as {@link #modify} chooses it; answers that instant. */
    long restore(int[] indexes, long now) {
        return change(indexes, now, at -> order -> order.restoredAt(at));
    }

    private long change(int[] indexes, long now, LongFunction<UnaryOperator<Order>> changeAt) {
        lock.writeLock().lock();
        try {
            long at = Math.max(now, latestModification + 1);
            UnaryOperator<Order> change = changeAt.apply(at);
            for (int index : indexes) {
                orders[index] = change.apply(orders[index]);
            }
            latestModification = at;
            return at;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
