package dev.runnel.insight;

import dev.runnel.core.hash.HashKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The partition keys that carry the most records of a shard, by the Space-Saving algorithm: at most
 * {@code capacity} keys are tracked whatever the number of distinct keys; a new key replaces the least
 * counted one and inherits its count as possible over-count. Every key whose true count exceeds
 * total ÷ capacity is tracked. Thread-safe.
 */
public final class HeavyHitters {

    /** A tracked key: its count (an upper bound), the over-count it may include, and its hash key. */
    public record Hitter(String partitionKey, HashKey hashKey, long count, long error) {}

    // The tracked keys in parallel arrays, scanned linearly: with a handful of slots a scan that compares cached
    // hash codes first is cheaper than a hash map, and replacing the least counted key allocates nothing.
    private final String[] keys;
    private final int[] hashes;
    private final HashKey[] hashKeys;
    private final long[] counts;
    private final long[] errors;
    private int size;
    private long total;

    public HeavyHitters(int capacity) {
        this.keys = new String[capacity];
        this.hashes = new int[capacity];
        this.hashKeys = new HashKey[capacity];
        this.counts = new long[capacity];
        this.errors = new long[capacity];
    }

    /** Counts {@code records} more records under the key. */
    public synchronized void offer(String partitionKey, HashKey hashKey, long records) {
        total += records;
        int hash = partitionKey.hashCode();
        int least = 0;
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash && keys[i].equals(partitionKey)) {
                counts[i] += records;
                return;
            }
            if (counts[i] < counts[least]) {
                least = i;
            }
        }
        int slot;
        long inherited;
        if (size < keys.length) {
            slot = size++;
            inherited = 0;
        } else {
            slot = least;
            inherited = counts[least];
        }
        keys[slot] = partitionKey;
        hashes[slot] = hash;
        hashKeys[slot] = hashKey;
        counts[slot] = inherited + records;
        errors[slot] = inherited;
    }

    /** The tracked keys, most counted first. */
    public synchronized List<Hitter> top() {
        List<Hitter> hitters = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            hitters.add(new Hitter(keys[i], hashKeys[i], counts[i], errors[i]));
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
        return size;
    }
}
