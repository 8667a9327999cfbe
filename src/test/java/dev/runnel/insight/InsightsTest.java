package dev.runnel.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.hash.HashKey;
import dev.runnel.core.hash.PartitionKeys;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Resharding;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.StreamInsights.Advice;
import dev.runnel.insight.StreamInsights.ShardInsight;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hot shards and advice from traffic fed straight into the windows, with a fixed clock. */
class InsightsTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:01:00Z");

    private final TrafficMeter traffic = new InMemoryTrafficMeter();
    private final Insights insights = new Insights(traffic, 0.8);
    private final Stream stream = Stream.create(
            StreamName.of("seed"),
            7,
            StreamMode.PROVISIONED,
            4,
            24,
            1024,
            Map.of(),
            NOW.minus(Duration.ofHours(1)),
            Duration.ZERO);

    /** Writes {@code perSecond} records of 100 bytes under the key for the ten seconds before now. */
    private ShardId write(String key, int perSecond) {
        HashKey hashKey = PartitionKeys.hashKey(key);
        ShardId shard = stream.route(hashKey).id();
        ShardTraffic shardTraffic = traffic.shard(stream.incarnation(), shard);
        for (long second = NOW.getEpochSecond() - 10; second < NOW.getEpochSecond(); second++) {
            shardTraffic.recordWrite(second, perSecond, perSecond * 100L);
            shardTraffic.keys().offer(key, hashKey, perSecond);
        }
        return shard;
    }

    @Test
    void theSeedsFixedKeyMakesOneShardHotAndTheAdviceSaysToSpreadKeys() {
        ShardId hot = write("1", 900);
        StreamInsights result = insights.analyze(stream, NOW);

        ShardInsight shard = result.shards().stream()
                .filter(s -> s.shardId().equals(hot.toString()))
                .findFirst()
                .orElseThrow();
        assertThat(shard.hot()).isTrue();
        assertThat(shard.writeUtilisation()).isEqualTo(0.9);
        assertThat(shard.hotReasons())
                .anyMatch(r -> r.startsWith("writes at 90% of the shard's limit"))
                .anyMatch(r -> r.contains("more than twice its fair share of 25%"));
        assertThat(shard.topKeys().get(0).partitionKey()).isEqualTo("1");
        assertThat(shard.topKeys().get(0).share()).isEqualTo(1.0);
        assertThat(result.shards())
                .filteredOn(s -> !s.shardId().equals(hot.toString()))
                .noneMatch(ShardInsight::hot);

        assertThat(result.advice()).extracting(Advice::kind).containsExactly("SPREAD_PARTITION_KEYS");
        assertThat(result.advice().get(0).message())
                .contains("Partition key '1' carries 100% of the records of " + hot)
                .contains("splitting the shard cannot help");
        java.math.BigInteger isolate =
                new java.math.BigInteger(result.advice().get(0).suggestedSplitHashKey());
        Shard hotShard = stream.shard(hot).orElseThrow();
        java.math.BigInteger key = PartitionKeys.hashKey("1").toBigInteger();
        java.math.BigInteger start = hotShard.hashKeyRange().start().toBigInteger();
        java.math.BigInteger end = hotShard.hashKeyRange().end().toBigInteger();
        assertThat(stream.route(HashKey.of(isolate)).id()).isEqualTo(hot);
        boolean keyInUpperChild = isolate.compareTo(key) <= 0;
        java.math.BigInteger keysChild = keyInUpperChild ? end.subtract(isolate) : isolate.subtract(start);
        java.math.BigInteger otherChild = keyInUpperChild ? isolate.subtract(start) : end.subtract(isolate);
        assertThat(keysChild).as("the key's child is the smaller one").isLessThanOrEqualTo(otherChild);
        assertThat(isolate.subtract(key).abs()).isLessThanOrEqualTo(java.math.BigInteger.ONE);
    }

    @Test
    void theIsolatingSplitLeavesTheKeyInTheSmallerChild() {
        dev.runnel.core.hash.HashKeyRange range = new dev.runnel.core.hash.HashKeyRange(
                HashKey.of(java.math.BigInteger.valueOf(100)), HashKey.of(java.math.BigInteger.valueOf(200)));
        assertThat(SplitPoints.isolating(HashKey.of(java.math.BigInteger.valueOf(180)), range)
                        .toBigInteger())
                .isEqualTo(java.math.BigInteger.valueOf(180));
        assertThat(SplitPoints.isolating(HashKey.of(java.math.BigInteger.valueOf(120)), range)
                        .toBigInteger())
                .isEqualTo(java.math.BigInteger.valueOf(121));
    }

    @Test
    void aShardClosedBySplittingIsNoLongerHot() {
        ShardId hot = write("1", 900);
        traffic.shard(stream.incarnation(), hot)
                .recordThrottle(NOW.getEpochSecond() - 2, ShardTraffic.Measure.WRITE_THROTTLES);
        Shard parent = stream.shard(hot).orElseThrow();
        HashKey middle = HashKey.of(parent.hashKeyRange()
                .start()
                .toBigInteger()
                .add(parent.hashKeyRange().end().toBigInteger())
                .shiftRight(1));
        Stream split = dev.runnel.core.stream.Resharding.split(stream, hot, middle, 9_000, NOW, "000000000000");

        ShardInsight closed = insights.analyze(split, NOW).shards().stream()
                .filter(s -> s.shardId().equals(hot.toString()))
                .findFirst()
                .orElseThrow();
        assertThat(closed.open()).isFalse();
        assertThat(closed.hot()).isFalse();
        assertThat(closed.throttlesLastMinute()).isEqualTo(1);
        assertThat(insights.analyze(split, NOW).advice())
                .noneMatch(a -> hot.toString().equals(a.shardId()));
    }

    @Test
    void aThrottledShardNamesTheRecordsRefusedOnWriteAndTheGetRecordsCallsRefusedOnRead() {
        ShardId shard = new ShardId(1);
        ShardTraffic shardTraffic = traffic.shard(stream.incarnation(), shard);
        for (int i = 0; i < 998; i++) {
            shardTraffic.recordThrottle(NOW.getEpochSecond() - 3, ShardTraffic.Measure.WRITE_THROTTLES);
        }
        for (int i = 0; i < 3; i++) {
            shardTraffic.recordThrottle(NOW.getEpochSecond() - 40, ShardTraffic.Measure.READ_THROTTLES);
        }
        shardTraffic.recordThrottle(NOW.getEpochSecond(), ShardTraffic.Measure.WRITE_THROTTLES); // under way

        ShardInsight insight = insights.analyze(stream, NOW).shards().get(1);
        assertThat(insight.hot()).isTrue();
        assertThat(insight.throttlesLastMinute()).isEqualTo(998 + 3);
        assertThat(insight.hotReasons())
                .containsExactly("998 records refused by the write limit and 3 GetRecords "
                        + "calls refused by the read limit in the last minute");

        assertThat(Insights.throttled(1, 0)).isEqualTo("1 record refused by the write limit in the last minute");
        assertThat(Insights.throttled(0, 2))
                .isEqualTo("2 GetRecords calls refused by the read limit in the last minute");
        assertThat(Insights.throttled(0, 1))
                .isEqualTo("1 GetRecords call refused by the read limit in the last minute");
    }

    @Test
    void manyKeysCrowdingOneShardGetASplitPointInsideItsRange() {
        ShardId target = stream.route(PartitionKeys.hashKey("a")).id();
        int found = 0;
        for (int i = 0; found < 10 && i < 1000; i++) {
            String key = "sensor-" + i;
            if (stream.route(PartitionKeys.hashKey(key)).id().equals(target)) {
                write(key, 90);
                found++;
            }
        }
        StreamInsights result = insights.analyze(stream, NOW);
        Advice split = result.advice().stream()
                .filter(a -> a.kind().equals("SPLIT_SHARD"))
                .findFirst()
                .orElseThrow();
        assertThat(split.shardId()).isEqualTo(target.toString());
        HashKey key = HashKey.parse(split.suggestedSplitHashKey()).orElseThrow();
        var range = stream.shard(target).orElseThrow().hashKeyRange();
        assertThat(key.compareTo(range.start())).isPositive();
        assertThat(key.compareTo(range.end())).isNegative();
        assertThat(split.message()).contains("POST /streams/seed/shards/" + target + "/split");
    }

    @Test
    void sizingAdviceCountsTheShardsTheTrafficNeedsWithHeadroom() {
        for (int i = 0; i < 400; i++) {
            write("k" + i, 20);
        }
        StreamInsights result = insights.analyze(stream, NOW);
        assertThat(result.stream().writeRecordsPerSecond()).isEqualTo(8000.0);
        Advice size = result.advice().stream()
                .filter(a -> a.kind().equals("ADD_SHARDS"))
                .findFirst()
                .orElseThrow();
        assertThat(size.suggestedShardCount()).isEqualTo(10);
        assertThat(size.message()).contains("needs 10 shards").contains("it has 4 open");
    }

    @Test
    void aQuietStreamHasNoHotShardsAndNoAdvice() {
        write("a", 5);
        StreamInsights result = insights.analyze(stream, NOW);
        assertThat(result.streamName()).isEqualTo("seed");
        assertThat(result.openShards()).isEqualTo(4);
        assertThat(result.windowSeconds()).isEqualTo(Insights.WINDOW_SECONDS).isEqualTo(10);
        assertThat(result.shards()).hasSize(4);
        assertThat(result.shards()).noneMatch(ShardInsight::hot);
        assertThat(result.advice()).isEmpty();
    }

    @Test
    void aLatestReaderThatStartedAfterProducersIsToldWhatItMissed() {
        ShardId shard = new ShardId(2);
        traffic.shard(stream.incarnation(), shard).recordLatestStart(NOW.getEpochSecond() - 5, 6);
        StreamInsights result = insights.analyze(stream, NOW);
        assertThat(result.advice()).extracting(Advice::kind).containsExactly("START_CONSUMERS_FIRST");
        assertThat(result.advice().get(0).shardId()).isEqualTo("shardId-000000000002");
        assertThat(result.advice().get(0).message())
                .contains("after 6 records had been written")
                .contains("Start LATEST consumers before producers");
        traffic.shard(stream.incarnation(), new ShardId(3)).recordLatestStart(NOW.getEpochSecond(), 0);
        assertThat(insights.analyze(stream, NOW).advice()).hasSize(1);
    }

    @Test
    void heavyHittersStayBoundedWhateverTheNumberOfKeys() {
        HeavyHitters keys = new HeavyHitters(16);
        for (int i = 0; i < 100_000; i++) {
            keys.offer("key-" + i, HashKey.MIN, 1);
            keys.offer("heavy", HashKey.MAX, 1);
        }
        assertThat(keys.size()).isEqualTo(16);
        assertThat(keys.total()).isEqualTo(200_000);
        assertThat(keys.top().get(0).partitionKey()).isEqualTo("heavy");
        assertThat(keys.top().get(0).count()).isGreaterThanOrEqualTo(100_000);
    }

    @Test
    void theTrafficSeriesHasTheFiftyNineWholeSecondsBeforeNowForOpenOrBusyShards() {
        long now = NOW.getEpochSecond();
        ShardTraffic one = traffic.shard(stream.incarnation(), new ShardId(1));
        one.recordWrite(now - 59, 1, 100);
        one.recordWrite(now - 1, 3, 300);
        one.recordWrite(now, 5, 500); // under way: left out
        one.recordThrottle(now - 2, ShardTraffic.Measure.WRITE_THROTTLES);
        one.recordThrottle(now - 2, ShardTraffic.Measure.READ_THROTTLES);
        traffic.shard(stream.incarnation(), new ShardId(2)).recordRead(now - 1, 2, 200);
        Shard quiet = stream.shard(new ShardId(0)).orElseThrow();
        Stream split = Resharding.split(
                Resharding.split(stream, new ShardId(2), middle(stream, 2), 0, NOW, "000000000000"),
                quiet.id(),
                middle(stream, 0),
                0,
                NOW,
                "000000000000");

        TrafficSeries series = insights.series(split, NOW);

        assertThat(series.epochSeconds()).hasSize(59);
        assertThat(series.epochSeconds()[0]).isEqualTo(now - 59);
        assertThat(series.epochSeconds()[58]).isEqualTo(now - 1);
        assertThat(series.shards())
                .as("closed shard 0 had no traffic; closed shard 2 was read")
                .extracting(TrafficSeries.ShardSeries::shardId)
                .containsExactly(
                        "shardId-000000000001",
                        "shardId-000000000002",
                        "shardId-000000000003",
                        "shardId-000000000004",
                        "shardId-000000000005",
                        "shardId-000000000006",
                        "shardId-000000000007");
        TrafficSeries.ShardSeries busy = series.shards().get(0);
        assertThat(busy.open()).isTrue();
        assertThat(busy.writeBytes()).hasSize(59).startsWith(100).endsWith(300);
        assertThat(busy.writeRecords()[58]).isEqualTo(3);
        assertThat(java.util.Arrays.stream(busy.writeBytes()).sum()).isEqualTo(400);
        assertThat(busy.throttles()[57]).as("write and read throttles together").isEqualTo(2);
        TrafficSeries.ShardSeries closed = series.shards().get(1);
        assertThat(closed.open()).isFalse();
        assertThat(closed.readBytes()[58]).isEqualTo(200);
    }

    private static HashKey middle(Stream stream, int shard) {
        var range = stream.shard(new ShardId(shard)).orElseThrow().hashKeyRange();
        return HashKey.of(
                range.start().toBigInteger().add(range.end().toBigInteger()).shiftRight(1));
    }
}
