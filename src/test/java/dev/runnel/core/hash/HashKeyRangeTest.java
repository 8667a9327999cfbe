package dev.runnel.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashKeyRangeTest {

    @Test
    void uniformRangesTileTheKeySpaceForOneToSixtyFourShards() {
        for (int n = 1; n <= 64; n++) {
            assertTiles(n);
        }
        for (int n : new int[] {100, 127, 1000, 4096, 10_000}) {
            assertTiles(n);
        }
    }

    private static void assertTiles(int n) {
        List<HashKeyRange> ranges = HashKeyRange.uniform(n);
        assertThat(ranges).as("n=%d", n).hasSize(n);
        BigInteger step = RoutingVectors.TWO_128.divide(BigInteger.valueOf(n));
        assertThat(ranges.get(0).start()).isEqualTo(HashKey.MIN);
        assertThat(ranges.get(n - 1).end()).isEqualTo(HashKey.MAX);
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            HashKeyRange range = ranges.get(i);
            assertThat(range.start().toBigInteger())
                    .as("n=%d start %d", n, i)
                    .isEqualTo(step.multiply(BigInteger.valueOf(i)));
            if (i > 0) {
                assertThat(range.start().toBigInteger())
                        .as("n=%d shard %d", n, i)
                        .isEqualTo(ranges.get(i - 1).end().toBigInteger().add(BigInteger.ONE));
            }
            if (i < n - 1) {
                assertThat(range.end().toBigInteger())
                        .isEqualTo(step.multiply(BigInteger.valueOf(i + 1)).subtract(BigInteger.ONE));
                assertThat(range.size()).isEqualTo(step);
            }
            total = total.add(range.size());
        }
        assertThat(total).as("n=%d", n).isEqualTo(RoutingVectors.TWO_128);
    }

    @Test
    void oneShardCoversEverything() {
        List<HashKeyRange> ranges = HashKeyRange.uniform(1);
        assertThat(ranges).containsExactly(HashKeyRange.ALL);
        assertThat(ranges.get(0).start().toString()).isEqualTo("0");
        assertThat(ranges.get(0).end().toString()).isEqualTo("340282366920938463463374607431768211455");
    }

    @Test
    void twoShardsMatchTheSpec() {
        List<HashKeyRange> ranges = HashKeyRange.uniform(2);
        assertThat(ranges.get(0).start().toString()).isEqualTo("0");
        assertThat(ranges.get(0).end().toString()).isEqualTo("170141183460469231731687303715884105727");
        assertThat(ranges.get(1).start().toString()).isEqualTo("170141183460469231731687303715884105728");
        assertThat(ranges.get(1).end().toString()).isEqualTo("340282366920938463463374607431768211455");
    }

    @Test
    void containsIsInclusiveAtBothEnds() {
        HashKeyRange range = new HashKeyRange(HashKey.of(BigInteger.TEN), HashKey.of(BigInteger.valueOf(20)));
        assertThat(range.contains(HashKey.of(BigInteger.TEN))).isTrue();
        assertThat(range.contains(HashKey.of(BigInteger.valueOf(20)))).isTrue();
        assertThat(range.contains(HashKey.of(BigInteger.valueOf(9)))).isFalse();
        assertThat(range.contains(HashKey.of(BigInteger.valueOf(21)))).isFalse();
        assertThat(range.size()).isEqualTo(BigInteger.valueOf(11));
        assertThat(HashKeyRange.ALL.size()).isEqualTo(RoutingVectors.TWO_128);
    }

    @Test
    void rejectsInvertedRangesAndNonPositiveCounts() {
        assertThatThrownBy(() -> new HashKeyRange(HashKey.MAX, HashKey.MIN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HashKeyRange.uniform(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new HashKeyRange(HashKey.MAX, HashKey.MAX).size()).isEqualTo(BigInteger.ONE);
    }
}
