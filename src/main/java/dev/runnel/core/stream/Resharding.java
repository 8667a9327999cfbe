package dev.runnel.core.stream;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.hash.HashKey;
import dev.runnel.core.hash.HashKeyRange;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * How shards split and merge, as pure functions from one stream version to the next. A closed parent keeps
 * its records and gets an end position; children take the next shard ids, start empty, and name their
 * parents (one for a split, two hash-adjacent ones for a merge). Callers seal the parents' logs first, so
 * the end positions they pass are final.
 */
public final class Resharding {

    private Resharding() {}

    /**
     * SplitShard: the parent [S, E] closes at {@code parentEnd}; children [S, key−1] and [key, E] open.
     *
     * @throws ResourceNotFoundException when the shard does not exist
     * @throws ResourceInUseException when it is already closed
     * @throws InvalidArgumentException unless S + 1 &lt; key &lt; E
     */
    public static Stream split(
            Stream stream, ShardId parentId, HashKey key, long parentEnd, Instant now, String account) {
        Shard parent = openShard(stream, parentId, account);
        checkSplitKey(stream, parent, key, account);
        return stream.with(c -> {
            List<Shard> shards = new ArrayList<>(stream.shards());
            int next = stream.nextShardIndex();
            splitInto(shards, parent, key, parentEnd, now, next);
            c.shards = shards;
            c.nextShardIndex = next + 2;
        });
    }

    /**
     * MergeShards: both parents close; one child covering their union opens, with {@code ParentShardId} the
     * first and {@code AdjacentParentShardId} the second. The adjacent shard's range must start right after the
     * first one's: AWS refuses the same pair in reversed order with the same error (kinesalite's suite, recorded
     * against AWS; the API reference only says the union must be contiguous, and AWS's examples give the lower
     * shard first).
     *
     * @throws InvalidArgumentException when the adjacent shard's range does not start right after the first one's
     */
    public static Stream merge(
            Stream stream,
            ShardId shardId,
            ShardId adjacentId,
            long shardEnd,
            long adjacentEnd,
            Instant now,
            String account) {
        Shard shard = openShard(stream, shardId, account);
        Shard adjacent = openShard(stream, adjacentId, account);
        if (!followedBy(shard, adjacent)) {
            throw new InvalidArgumentException("Shards " + shardId + " and " + adjacentId + " in stream "
                    + stream.name() + " under account " + account
                    + " are not an adjacent pair of shards eligible for merging");
        }
        return stream.with(c -> {
            List<Shard> shards = new ArrayList<>(stream.shards());
            int next = stream.nextShardIndex();
            mergeInto(shards, shard, adjacent, shardEnd, adjacentEnd, now, next);
            c.shards = shards;
            c.nextShardIndex = next + 1;
        });
    }

    /**
     * The open shards that uniform scaling to {@code target} shards must close: every one whose range is
     * not exactly one of the target ranges.
     */
    public static Set<ShardId> closedByUniformScaling(Stream stream, int target) {
        List<HashKeyRange> ranges = HashKeyRange.uniform(target);
        Set<ShardId> closed = new LinkedHashSet<>();
        for (Shard shard : stream.openShardsByHashKey()) {
            if (!ranges.contains(shard.hashKeyRange())) {
                closed.add(shard.id());
            }
        }
        return closed;
    }

    /**
     * UpdateShardCount with UNIFORM_SCALING: reaches {@code target} open shards of equal, contiguous ranges
     * (laid out as a new stream's) by splitting shards at the target boundaries they contain, then merging,
     * left to right, the pieces that make up each target range. Shards made and closed in the same step are
     * empty. Ids follow the order of the splits and merges.
     *
     * @param ends the end position of each open shard being closed (from its sealed log)
     */
    public static Stream scaleUniformly(Stream stream, int target, ToLongFunction<ShardId> ends, Instant now) {
        List<HashKeyRange> ranges = HashKeyRange.uniform(target);
        Set<ShardId> existing = new LinkedHashSet<>();
        stream.openShardsByHashKey().forEach(s -> existing.add(s.id()));
        ToLongFunction<Shard> endOf = shard -> existing.contains(shard.id()) ? ends.applyAsLong(shard.id()) : 0L;
        List<Shard> shards = new ArrayList<>(stream.shards());
        int[] next = {stream.nextShardIndex()};

        for (int i = 1; i < ranges.size(); i++) {
            HashKey boundary = ranges.get(i).start();
            for (Shard shard : openInOrder(shards)) {
                HashKeyRange range = shard.hashKeyRange();
                // An internal split only needs two non-empty pieces; SplitShard's stricter S + 1 < key < E
                // rule would skip a boundary at S + 1 or at E and miss the uniform layout.
                if (range.start().compareTo(boundary) < 0 && boundary.compareTo(range.end()) <= 0) {
                    splitInto(shards, shard, boundary, endOf.applyAsLong(shard), now, next[0]);
                    next[0] += 2;
                    break;
                }
            }
        }
        for (HashKeyRange range : ranges) {
            while (true) {
                List<Shard> pieces = openInOrder(shards).stream()
                        .filter(s -> range.contains(s.hashKeyRange().start()))
                        .toList();
                if (pieces.size() < 2) {
                    break;
                }
                mergeInto(
                        shards,
                        pieces.get(0),
                        pieces.get(1),
                        endOf.applyAsLong(pieces.get(0)),
                        endOf.applyAsLong(pieces.get(1)),
                        now,
                        next[0]);
                next[0] += 1;
            }
        }
        return stream.with(c -> {
            c.shards = shards;
            c.nextShardIndex = next[0];
        });
    }

    private static List<Shard> openInOrder(List<Shard> shards) {
        List<Shard> open = new ArrayList<>(shards.stream().filter(Shard::isOpen).toList());
        open.sort((a, b) -> a.hashKeyRange().start().compareTo(b.hashKeyRange().start()));
        return open;
    }

    private static void splitInto(
            List<Shard> shards, Shard parent, HashKey key, long parentEnd, Instant now, int firstChild) {
        replace(shards, parent, parent.closedAt(parentEnd, now));
        HashKeyRange range = parent.hashKeyRange();
        HashKey below = HashKey.of(key.toBigInteger().subtract(BigInteger.ONE));
        shards.add(new Shard(
                new ShardId(firstChild), new HashKeyRange(range.start(), below), parent.id(), null, now, null, null));
        shards.add(new Shard(
                new ShardId(firstChild + 1), new HashKeyRange(key, range.end()), parent.id(), null, now, null, null));
    }

    private static void mergeInto(
            List<Shard> shards, Shard shard, Shard adjacent, long shardEnd, long adjacentEnd, Instant now, int child) {
        replace(shards, shard, shard.closedAt(shardEnd, now));
        replace(shards, adjacent, adjacent.closedAt(adjacentEnd, now));
        HashKeyRange a = shard.hashKeyRange();
        HashKeyRange b = adjacent.hashKeyRange();
        HashKeyRange union = a.start().compareTo(b.start()) < 0
                ? new HashKeyRange(a.start(), b.end())
                : new HashKeyRange(b.start(), a.end());
        shards.add(new Shard(new ShardId(child), union, shard.id(), adjacent.id(), now, null, null));
    }

    private static void replace(List<Shard> shards, Shard old, Shard updated) {
        shards.set(shards.indexOf(old), updated);
    }

    private static Shard openShard(Stream stream, ShardId id, String account) {
        Shard shard = stream.shard(id)
                .orElseThrow(() -> new ResourceNotFoundException("Could not find shard " + id + " in stream "
                        + stream.name() + " under account " + account + "."));
        if (!shard.isOpen()) {
            throw new ResourceInUseException("Shard " + id + " in stream " + stream.name() + " under account " + account
                    + " has already been merged or split, and thus is not eligible for merging or splitting.");
        }
        return shard;
    }

    private static void checkSplitKey(Stream stream, Shard parent, HashKey key, String account) {
        HashKeyRange range = parent.hashKeyRange();
        if (!splittable(range, key)) {
            throw new InvalidArgumentException("NewStartingHashKey " + key + " used in SplitShard() on shard "
                    + parent.id() + " in stream " + stream.name() + " under account " + account
                    + " is not both greater than one plus the shard's StartingHashKey " + range.start()
                    + " and less than the shard's EndingHashKey " + range.end() + ".");
        }
    }

    /** Kinesis's rule for a split point of [S, E]: S + 1 &lt; key &lt; E. */
    private static boolean splittable(HashKeyRange range, HashKey key) {
        BigInteger k = key.toBigInteger();
        return k.compareTo(range.start().toBigInteger().add(BigInteger.ONE)) > 0 && key.compareTo(range.end()) < 0;
    }

    /** Whether {@code b}'s range starts right after {@code a}'s ends. */
    private static boolean followedBy(Shard a, Shard b) {
        return a.hashKeyRange()
                .end()
                .toBigInteger()
                .add(BigInteger.ONE)
                .equals(b.hashKeyRange().start().toBigInteger());
    }
}
