package io.inflow.sandbox.toast;

import io.inflow.sandbox.Modification;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Changes orders the way a restaurant does after close: each call picks distinct orders from the seed and the
 * number of earlier calls (so a replayed session changes the same ones), adjusts their tips and stamps them all
 * with one new {@code modifiedDate}. Revenue does not change: tips are not sales.
 */
final class OrderModifier {

    private final long seed;
    private final OrderBook book;
    private final Clock clock;
    private long calls;

    OrderModifier(long seed, OrderBook book, Clock clock) {
        this.seed = seed;
        this.book = book;
        this.clock = clock;
    }

    /** Picks among the orders not deleted; with none deleted, order {@code i} is pick {@code i}. */
    synchronized Modification modify(int count) {
        return book.write(() -> {
            int[] live = book.indexes(order -> !order.deleted());
            if (count < 1 || count > live.length) {
                throw new IllegalArgumentException("count must be between 1 and " + live.length);
            }
            calls++;
            SplittableRandom random = new SplittableRandom(mix(seed ^ mix(calls)));
            int[] indexes = distinct(count, live.length, random);
            for (int i = 0; i < indexes.length; i++) {
                indexes[i] = live[indexes[i]];
            }
            String device = OrdersGenerator.DEVICES.get(random.nextInt(OrdersGenerator.DEVICES.size()));
            book.modify(indexes, clock.millis(), device);
            List<String> guids = new ArrayList<>(count);
            for (int index : indexes) {
                guids.add(book.get(index).guid());
            }
            return new Modification(count, guids);
        });
    }

    /** Floyd's sampling of {@code count} of {@code 0..bound-1}, in ascending order. */
    private static int[] distinct(int count, int bound, SplittableRandom random) {
        Set<Integer> chosen = new HashSet<>(count * 2);
        for (int j = bound - count; j < bound; j++) {
            int pick = random.nextInt(j + 1);
            chosen.add(chosen.contains(pick) ? j : pick);
        }
        int[] indexes = chosen.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(indexes);
        return indexes;
    }

    /** SplitMix64's finalizer: spreads nearby seeds far apart. */
    static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
