package dev.runnel.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.ProvisionedThroughputExceededException;
import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.InMemoryTrafficMeter;
import dev.runnel.insight.Insights;
import dev.runnel.insight.ShardTraffic;
import dev.runnel.insight.StreamInsights;
import dev.runnel.insight.TrafficMeter;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.storage.memory.InMemoryShardLogStore;
import dev.runnel.storage.memory.InMemoryStreamCatalog;
import dev.runnel.streams.CreateStreamCommand;
import dev.runnel.streams.StreamService;
import dev.runnel.support.ManualClock;
import dev.runnel.support.RunnelFixture;
import dev.runnel.throttling.Bucket4jThrottler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-shard limits as PutRecord, PutRecords and GetRecords meet them, with a controlled clock. */
class RecordServiceThrottlingTest {

    private final ManualClock clock = new ManualClock();
    private final RunnelProperties defaults = RunnelProperties.defaults();
    private final RunnelProperties properties = new RunnelProperties(
            defaults.accountId(),
            defaults.region(),
            new RunnelProperties.Streams(100, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)),
            defaults.iterators(),
            defaults.storage(),
            defaults.http());
    private final StreamService streams = new StreamService(
            new InMemoryStreamCatalog(),
            new InMemoryShardLogStore(1L << 30, 1 << 20, 16_384),
            clock,
            properties,
            properties.region());
    private final TrafficMeter traffic = new InMemoryTrafficMeter();
    private final ShardIteratorService iterators = RunnelFixture.iteratorService(streams, clock, properties, traffic);
    private final RecordService records = new RecordService(
            streams.lookup(),
            iterators,
            clock,
            traffic,
            new Bucket4jThrottler(RunnelProperties.Limits.DEFAULTS, clock));
    private final StreamName name = new StreamName("hot");

    @Test
    void aOneShardStreamFedTwoThousandRecordsASecondThrottlesAboutHalf() {
        streams.create(CreateStreamCommand.of("hot", 1, null, null, null));
        int accepted = 0;
        int failed = 0;
        for (int quarter = 0; quarter < 40; quarter++) {
            PutRecordsResult result = records.putAll(new PutRecordsCommand(name, batch(500)));
            assertThat(result.failedRecordCount()).isEqualTo((int) result.entries().stream()
                    .filter(PutRecordsResult.Entry::isFailure)
                    .count());
            for (PutRecordsResult.Entry entry : result.entries()) {
                if (entry.isFailure()) {
                    assertThat(entry.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                    assertThat(entry.errorMessage())
                            .isEqualTo("Rate exceeded for shard shardId-000000000000 in "
                                    + "stream hot under account 000000000000.");
                } else {
                    assertThat(entry.sequenceNumber()).isNotNull();
                }
            }
            accepted += 500 - result.failedRecordCount();
            failed += result.failedRecordCount();
            clock.advanceMillis(250);
        }
        // Batches at 0 s, 0.25 s, … 9.75 s: the bucket's first 1,000 tokens plus 1,000/s refilled over 9.75 s.
        assertThat(accepted).isEqualTo(1_000 + 9_750);
        assertThat(failed).isEqualTo(20_000 - 10_750);
        long second = clock.instant().getEpochSecond();
        assertThat(traffic.shard(streams.describe(name).incarnation(), new ShardId(0))
                        .sum(second, 10, ShardTraffic.Measure.WRITE_THROTTLES))
                .isPositive();
    }

    @Test
    void putRecordOverTheLimitFailsWithTheKinesisError() {
        streams.create(CreateStreamCommand.of("hot", 1, null, null, null));
        for (int i = 0; i < 1000; i++) {
            records.put(new PutRecordCommand(name, new RecordInput("k", new byte[1], null), null));
        }
        assertThatThrownBy(() -> records.put(new PutRecordCommand(name, new RecordInput("k", new byte[1], null), null)))
                .isInstanceOf(ProvisionedThroughputExceededException.class)
                .hasMessage("Rate exceeded for shard shardId-000000000000 in stream hot under account 000000000000.");
        assertThat(records.getRecords(
                                iterators.getShardIterator(
                                        name, "shardId-000000000000", new StartingPosition.TrimHorizon()),
                                10_000)
                        .records())
                .hasSize(1000);
    }

    @Test
    void getRecordsServesFiveCallsASecondPerShard() {
        streams.create(CreateStreamCommand.of("hot", 1, null, null, null));
        String iterator = iterators.getShardIterator(name, "shardId-000000000000", new StartingPosition.TrimHorizon());
        for (int i = 0; i < 5; i++) {
            records.getRecords(iterator, 10);
        }
        assertThatThrownBy(() -> records.getRecords(iterator, 10))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        clock.advanceMillis(200);
        assertThat(records.getRecords(iterator, 10).records()).isEmpty();
    }

    // ---- what Insights sees of the limits ------------------------------------------------------------------

    private StreamInsights analyze() {
        return new Insights(traffic, 0.8).analyze(streams.describe(name), clock.instant());
    }

    @Test
    void refusedRecordsAndReadsCountForInsightsOnceTheirSecondHasEnded() {
        streams.create(CreateStreamCommand.of("hot", 1, null, null, null));
        int refusedRecords = 0;
        for (int batch = 0; batch < 3; batch++) {
            refusedRecords += records.putAll(new PutRecordsCommand(
                            name, Collections.nCopies(500, new RecordInput("1", new byte[10], null))))
                    .failedRecordCount();
        }
        String iterator = iterators.getShardIterator(name, "shardId-000000000000", new StartingPosition.TrimHorizon());
        int refusedReads = 0;
        for (int call = 0; call < 8; call++) {
            try {
                records.getRecords(iterator, 1);
            } catch (ProvisionedThroughputExceededException e) {
                refusedReads++;
            }
        }
        assertThat(refusedRecords)
                .as("1,500 records at once pass 1,000 records/s")
                .isEqualTo(500);
        assertThat(refusedReads).as("8 calls at once pass 5 calls/s").isEqualTo(3);
        assertThat(analyze().shards().get(0).throttlesLastMinute())
                .as("the second under way is not counted yet")
                .isZero();

        clock.advance(Duration.ofSeconds(1));
        StreamInsights.ShardInsight shard = analyze().shards().get(0);
        assertThat(shard.hot()).isTrue();
        assertThat(shard.throttlesLastMinute()).isEqualTo(503);
        assertThat(shard.hotReasons())
                .contains("500 records refused by the write limit and 3 GetRecords calls refused by the read limit "
                        + "in the last minute");
    }

    @Test
    void aShardThrottledByOneKeyIsHotAndTheAdviceIsToSpreadTheKeys() {
        streams.create(CreateStreamCommand.of("hot", 1, null, null, null));
        int throttled = 0;
        for (int i = 0; i < 5_000 && throttled < 100; i++) {
            try {
                records.put(new PutRecordCommand(name, new RecordInput("1", new byte[10], null), null));
            } catch (ProvisionedThroughputExceededException e) {
                throttled++;
            }
        }
        assertThat(throttled).isEqualTo(100);
        clock.advance(Duration.ofSeconds(1));
        StreamInsights insights = analyze();
        assertThat(insights.shards()).singleElement().satisfies(shard -> {
            assertThat(shard.hot()).isTrue();
            assertThat(shard.hotReasons()).contains("100 records refused by the write limit in the last minute");
            assertThat(shard.topKeys())
                    .first()
                    .satisfies(key -> assertThat(key.partitionKey()).isEqualTo("1"));
        });
        assertThat(insights.advice()).singleElement().satisfies(advice -> {
            assertThat(advice.kind()).isEqualTo("SPREAD_PARTITION_KEYS");
            assertThat(advice.shardId()).isEqualTo("shardId-000000000000");
            assertThat(advice.suggestedSplitHashKey()).isNotNull();
        });
    }

    @Test
    void theConsolesReadsAreNeitherThrottledNorCountedNorNotedAsLatestReaders() {
        streams.create(CreateStreamCommand.of("hot", 1, null, null, null));
        records.put(new PutRecordCommand(name, new RecordInput("a", new byte[10], null), null));
        for (int i = 0; i < 20; i++) {
            records.browse(name, "shardId-000000000000", new StartingPosition.Latest(), 25);
            records.browse(name, "shardId-000000000000", new StartingPosition.TrimHorizon(), 25);
            records.newest(name, "shardId-000000000000", 20);
        }
        clock.advance(Duration.ofSeconds(1));
        StreamInsights insights = analyze();
        assertThat(insights.advice()).noneMatch(a -> a.kind().equals("START_CONSUMERS_FIRST"));
        assertThat(insights.shards().get(0).throttlesLastMinute()).isZero();
        assertThat(insights.stream().readRecordsPerSecond()).isZero();

        String latest = iterators.getShardIterator(name, "shardId-000000000000", new StartingPosition.Latest());
        records.getRecords(latest, null);
        records.getRecords(
                iterators.getShardIterator(name, "shardId-000000000000", new StartingPosition.TrimHorizon()), null);
        clock.advance(Duration.ofSeconds(1));
        insights = analyze();
        assertThat(insights.advice()).anyMatch(a -> a.kind().equals("START_CONSUMERS_FIRST"));
        assertThat(insights.stream().readRecordsPerSecond())
                .as("GetRecords, unlike browsing, counts")
                .isPositive();
    }

    private List<RecordInput> batch(int size) {
        List<RecordInput> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(new RecordInput("key-" + i, new byte[20], null));
        }
        return batch;
    }
}
