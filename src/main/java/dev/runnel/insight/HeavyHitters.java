package dev.runnel.insight;

import dev.runnel.core.hash.HashKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The partition keys that carry the most records of a shard, by the Space-Saving algorithm: at most
 * {@code capacity} keys are tracked whatever the number of distinct keys; a new key replaces the least
 * counted one and inherits its count as possible over-count. Every key whose true count exceeds
 * total ÷ capacity is tracked. Thread-safe.
 */
public final class HeavyHitters {

    /** A tracked key: its count (an upper bound), the over-count it may include, and its hash key. */
    public record Hitter(String partitionKey, HashKey hashKey, long count, long error) {
    }

    private static final class Slot {
        final String key;
        final HashKey hashKey;
        long count;
        final long error;

        Slot(String key, HashKey hashKey, long count, long error) {
            this.key = key;
            this.hashKey = hashKey;
            this.count = count;
            this.error = error;
        }
    }

    private final int capacity;
    private final Map<String, Slot> slots;
    private long total;

    public HeavyHitters(int capacity) {
        this.capacity = capacity;
        this.slots = new HashMap<>(capacity * 2);
    }

    /** Counts {@code records} more records under the key. */
    public synchronized void offer(String partitionKey, HashKey hashKey, long records) {
        total += records;
        Slot slot = slots.get(partitionKey);
        if (slot != null) {
            slot.count += records;
            return;
        }
        if (slots.size() < capacity) {
            slots.put(partitionKey, new Slot(partitionKey, hashKey, records, 0));
            return;
        }
        Slot least = null;
        for (Slot candidate : slots.values()) {
            if (least == null || candidate.count < least.count) {
                least = candidate;
            }
        }
        slots.remove(least.key);
        slots.put(partitionKey, new Slot(partitionKey, hashKey, least.count + records, least.count));
    }

    /** The tracked keys, most counted first. */
    public synchronized List<Hitter> top() {
        List<Hitter> hitters = new ArrayList<>(slots.size());
        for (Slot slot : slots.values()) {
            hitters.add(new Hitter(slot.key, slot.hashKey, slot.count, slot.error));
        }
        hitters.sort(Comparator.comparingLong(Hitter::count).reversed());
        return hitters;
    }

    /** Records counted in all. */
    public synchronized long total() {
        return total;
    }

    /** How many keys are tracked; never more than the capacity. */
    public synchronized int size() {
        return slots.size();
    }
}
