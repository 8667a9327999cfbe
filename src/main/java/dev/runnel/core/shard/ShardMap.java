package dev.runnel.core.shard;

import dev.runnel.core.hash.HashKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The open shards of a stream ordered by starting hash key; they tile 0 … 2^128−1 with no gap or overlap.
 * {@link #route} finds the shard owning a hash key by binary search, O(log n). Immutable and thread-safe.
 */
public final class ShardMap {

    private final Shard[] byStart;

    /**
     * @throws IllegalArgumentException when the open shards do not tile the key space exactly
     */
    public ShardMap(List<Shard> openShards) {
        List<Shard> sorted = new ArrayList<>(openShards);
        sorted.sort(Comparator.comparing(s -> s.hashKeyRange().start()));
        this.byStart = sorted.toArray(Shard[]::new);
        checkTiling();
    }

    /** The open shard whose range contains the key. */
    public Shard route(HashKey key) {
        int low = 0;
        int high = byStart.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (byStart[mid].hashKeyRange().start().compareTo(key) <= 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return byStart[low];
    }

    public int size() {
        return byStart.length;
    }

    /** The open shards ordered by starting hash key. */
    public List<Shard> inHashKeyOrder() {
        return List.of(byStart);
    }

    private void checkTiling() {
        if (byStart.length == 0) {
            throw new IllegalArgumentException("a stream needs at least one open shard");
        }
        if (!byStart[0].hashKeyRange().start().equals(HashKey.MIN)
                || !byStart[byStart.length - 1].hashKeyRange().end().equals(HashKey.MAX)) {
            throw new IllegalArgumentException("open shards must cover 0 … 2^128-1");
        }
        for (int i = 1; i < byStart.length; i++) {
            HashKey previousEnd = byStart[i - 1].hashKeyRange().end();
            HashKey start = byStart[i].hashKeyRange().start();
            boolean adjacent = !previousEnd.equals(HashKey.MAX)
                    && previousEnd.low() + 1 == start.low()
                    && (start.low() == 0 ? previousEnd.high() + 1 == start.high() : previousEnd.high() == start.high());
            if (!adjacent) {
                throw new IllegalArgumentException(
                        "open shards " + byStart[i - 1].id() + " and " + byStart[i].id() + " are not adjacent");
            }
        }
    }
}
