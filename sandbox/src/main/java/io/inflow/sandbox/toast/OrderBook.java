package io.inflow.sandbox.toast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * The restaurant's orders, kept in GUID order, which is the order the fake answers them in: unrelated to when they
 * were modified, so a client cannot lean on an order Toast does not promise. Reads see either all or none of a
 * modification.
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

    int size() {
        return orders.length;
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

    List<Order> all() {
        return select(order -> true);
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
        lock.writeLock().lock();
        try {
            long at = Math.max(now, latestModification + 1);
            for (int index : indexes) {
                orders[index] = orders[index].modified(at, device);
            }
            latestModification = at;
            return at;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
