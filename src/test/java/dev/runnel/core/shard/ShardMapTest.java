package dev.runnel.core.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.hash.HashKey;
import dev.runnel.core.hash.HashKeyRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ShardMapTest {

    private static final BigInteger MAX = HashKey.MAX.toBigInteger();

    @Test
    void binarySearchMatchesALinearScanForRandomTilingsAndKeys() {
        Random random = new Random(1234);
        for (int round = 0; round < 200; round++) {
            List<Shard> shards = randomTiling(random, 1 + random.nextInt(round < 100 ? 8 : 300));
            List<Shard> shuffled = new ArrayList<>(shards);
            Collections.shuffle(shuffled, random);
            ShardMap map = new ShardMap(shuffled);
            assertThat(map.size()).isEqualTo(shards.size());
            List<HashKey> keys = new ArrayList<>();
            for (Shard shard : shards) {
                keys.add(shard.hashKeyRange().start());
                keys.add(shard.hashKeyRange().end());
            }
            for (int i = 0; i < 200; i++) {
                keys.add(HashKey.of(new BigInteger(128, random)));
            }
            for (HashKey key : keys) {
                assertThat(map.route(key)).as("key %s", key).isSameAs(linear(shards, key));
            }
        }
    }

    @Test
    void uniformLayoutsRouteRandomKeysLikeALinearScan() {
        Random random = new Random(99);
        for (int n = 1; n <= 64; n++) {
            List<Shard> shards = uniform(n);
            ShardMap map = new ShardMap(shards);
            for (int i = 0; i < 100; i++) {
                HashKey key = HashKey.of(new BigInteger(128, random));
                assertThat(map.route(key)).isSameAs(linear(shards, key));
            }
        }
    }

    @Test
    void rejectsAnEmptyList() {
        assertThatThrownBy(() -> new ShardMap(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAGap() {
        List<Shard> shards =
                List.of(shard(0, BigInteger.ZERO, BigInteger.valueOf(100)), shard(1, BigInteger.valueOf(102), MAX));
        assertThatThrownBy(() -> new ShardMap(shards)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAnOverlap() {
        List<Shard> shards =
                List.of(shard(0, BigInteger.ZERO, BigInteger.valueOf(100)), shard(1, BigInteger.valueOf(100), MAX));
        assertThatThrownBy(() -> new ShardMap(shards)).isInstanceOf(IllegalArgumentException.class);
        List<Shard> duplicate = List.of(shard(0, BigInteger.ZERO, MAX), shard(1, BigInteger.ZERO, MAX));
        assertThatThrownBy(() -> new ShardMap(duplicate)).isInstanceOf(IllegalArgumentException.class);
        // A shard ending at 2^128-1 followed (in start order) by one starting at 0: MAX + 1 must not wrap to 0.
        List<Shard> wrapped = List.of(
                shard(0, BigInteger.ZERO, MAX),
                shard(1, BigInteger.ZERO, BigInteger.TEN),
                shard(2, BigInteger.valueOf(11), MAX));
        assertThatThrownBy(() -> new ShardMap(wrapped)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAGapAcrossTheSixtyFourBitBoundary() {
        BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
        List<Shard> adjacent =
                List.of(shard(0, BigInteger.ZERO, twoTo64.subtract(BigInteger.ONE)), shard(1, twoTo64, MAX));
        assertThat(new ShardMap(adjacent).route(HashKey.of(twoTo64)).id().index())
                .isEqualTo(1);
        List<Shard> gap = List.of(
                shard(0, BigInteger.ZERO, twoTo64.subtract(BigInteger.ONE)), shard(1, twoTo64.add(twoTo64), MAX));
        assertThatThrownBy(() -> new ShardMap(gap)).isInstanceOf(IllegalArgumentException.class);
        List<Shard> wrongHigh = List.of(
                shard(0, BigInteger.ZERO, twoTo64.subtract(BigInteger.ONE)), shard(1, twoTo64.shiftLeft(1), MAX));
        assertThatThrownBy(() -> new ShardMap(wrongHigh)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsLayoutsThatDoNotStartAtZeroOrEndAtTheMaximum() {
        assertThatThrownBy(() -> new ShardMap(List.of(shard(0, BigInteger.ONE, MAX))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShardMap(List.of(shard(0, BigInteger.ZERO, MAX.subtract(BigInteger.ONE)))))
                .isInstanceOf(IllegalArgumentException.class);
        List<Shard> missingTail = new ArrayList<>(uniform(4));
        missingTail.remove(3);
        assertThatThrownBy(() -> new ShardMap(missingTail)).isInstanceOf(IllegalArgumentException.class);
        List<Shard> missingMiddle = new ArrayList<>(uniform(4));
        missingMiddle.remove(1);
        assertThatThrownBy(() -> new ShardMap(missingMiddle)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Shard linear(List<Shard> shards, HashKey key) {
        Shard found = null;
        for (Shard shard : shards) {
            if (shard.hashKeyRange().contains(key)) {
                assertThat(found).as("two shards contain %s", key).isNull();
                found = shard;
            }
        }
        assertThat(found).as("no shard contains %s", key).isNotNull();
        return found;
    }

    /** Cuts the key space at random points, sometimes very close together or near the 64-bit boundary. */
    private static List<Shard> randomTiling(Random random, int count) {
        TreeSet<BigInteger> cuts = new TreeSet<>();
        BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
        while (cuts.size() < count - 1) {
            BigInteger cut = switch (random.nextInt(4)) {
                case 0 -> twoTo64.add(BigInteger.valueOf(random.nextInt(5) - 2));
                case 1 -> BigInteger.valueOf(1 + random.nextInt(5));
                default -> new BigInteger(128, random);
            };
            if (cut.signum() > 0) {
                cuts.add(cut);
            }
        }
        List<Shard> shards = new ArrayList<>();
        BigInteger start = BigInteger.ZERO;
        int index = 0;
        for (BigInteger cut : cuts) {
            shards.add(shard(index++, start, cut.subtract(BigInteger.ONE)));
            start = cut;
        }
        shards.add(shard(index, start, MAX));
        return shards;
    }

    private static List<Shard> uniform(int n) {
        List<HashKeyRange> ranges = HashKeyRange.uniform(n);
        List<Shard> shards = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shards.add(Shard.initial(new ShardId(i), ranges.get(i), java.time.Instant.EPOCH));
        }
        return shards;
    }

    private static Shard shard(int index, BigInteger start, BigInteger end) {
        return Shard.initial(
                new ShardId(index), new HashKeyRange(HashKey.of(start), HashKey.of(end)), java.time.Instant.EPOCH);
    }
}
