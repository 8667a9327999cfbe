package dev.runnel.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.shard.ShardMap;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartitionKeysTest {

    @Test
    void vectorsHashToTheSpecifiedDecimals() {
        for (RoutingVectors.Vector v : RoutingVectors.ALL) {
            assertThat(PartitionKeys.hashKey(v.key()).toString()).as(v.key()).isEqualTo(v.decimal());
        }
    }

    @Test
    void vectorsRouteToTheSpecifiedShardsThroughAShardMap() {
        ShardMap two = map(2);
        ShardMap four = map(4);
        for (RoutingVectors.Vector v : RoutingVectors.ALL) {
            HashKey key = PartitionKeys.hashKey(v.key());
            assertThat(two.route(key).id()).as(v.key()).isEqualTo(new ShardId(v.shardOf2()));
            assertThat(four.route(key).id()).as(v.key()).isEqualTo(new ShardId(v.shardOf4()));
        }
    }

    @Test
    void vectorsRouteToTheSpecifiedShardsThroughAStream() {
        Stream two = Stream.create(
                StreamName.of("two"), 1, StreamMode.PROVISIONED, 2, 24, 1024, Map.of(), Instant.EPOCH, Duration.ZERO);
        Stream four = Stream.create(
                StreamName.of("four"), 1, StreamMode.PROVISIONED, 4, 24, 1024, Map.of(), Instant.EPOCH, Duration.ZERO);
        for (RoutingVectors.Vector v : RoutingVectors.ALL) {
            HashKey key = PartitionKeys.hashKey(v.key());
            assertThat(two.route(key).id().index()).as(v.key()).isEqualTo(v.shardOf2());
            assertThat(four.route(key).id().index()).as(v.key()).isEqualTo(v.shardOf4());
            assertThat(two.route(key).hashKeyRange().contains(key)).isTrue();
        }
    }

    @Test
    void withTwoShardsKeysBelowTwoToThe127GoToShardZero() {
        ShardMap two = map(2);
        BigInteger half = BigInteger.ONE.shiftLeft(127);
        assertThat(two.route(HashKey.of(half.subtract(BigInteger.ONE))).id().index())
                .isZero();
        assertThat(two.route(HashKey.of(half)).id().index()).isEqualTo(1);
        assertThat(two.route(HashKey.MIN).id().index()).isZero();
        assertThat(two.route(HashKey.MAX).id().index()).isEqualTo(1);
    }

    @Test
    void hashIsUnsignedMd5OfUtf8ForRandomKeys() throws Exception {
        Random random = new Random(7);
        String alphabet = "abcXYZ019-_.\u00e9\u00fc\u65e5\u672c\ud83d\ude00 ";
        int[] codePoints = alphabet.codePoints().toArray();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder key = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int j = 0; j < length; j++) {
                key.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
            }
            byte[] digest =
                    MessageDigest.getInstance("MD5").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            BigInteger expected = new BigInteger(1, digest);
            HashKey actual = PartitionKeys.hashKey(key.toString());
            assertThat(actual.toBigInteger()).as(key.toString()).isEqualTo(expected);
            assertThat(PartitionKeys.hashKey(key.toString())).isEqualTo(actual);
        }
    }

    private static ShardMap map(int count) {
        List<HashKeyRange> ranges = HashKeyRange.uniform(count);
        List<Shard> shards = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shards.add(Shard.initial(new ShardId(i), ranges.get(i), java.time.Instant.EPOCH));
        }
        return new ShardMap(shards);
    }
}
