package dev.runnel.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.stream.ScalingEvent;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.core.stream.StreamStatus;
import dev.runnel.insight.InMemoryTrafficMeter;
import dev.runnel.insight.TrafficMeter;
import dev.runnel.records.PutRecordsCommand;
import dev.runnel.records.RecordInput;
import dev.runnel.records.RecordService;
import dev.runnel.records.ShardIteratorService;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.storage.memory.InMemoryShardLogStore;
import dev.runnel.storage.memory.InMemoryStreamCatalog;
import dev.runnel.support.ManualClock;
import dev.runnel.support.RunnelFixture;
import dev.runnel.throttling.Throttler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An ON_DEMAND stream under sustained load grows 4 → 8 → 16, one doubling at a time, with a cooldown. */
class OnDemandScalingTest {

    private final ManualClock clock = new ManualClock();
    private final RunnelProperties defaults = RunnelProperties.defaults();
    private final RunnelProperties properties = new RunnelProperties(
            defaults.accountId(),
            defaults.region(),
            new RunnelProperties.Streams(
                    10_000, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)),
            defaults.iterators(),
            defaults.storage(),
            defaults.http(),
            new RunnelProperties.OnDemand(0.8, Duration.ofSeconds(10), Duration.ofSeconds(30), 64));
    private final InMemoryStreamCatalog catalog = new InMemoryStreamCatalog();
    private final InMemoryShardLogStore store = new InMemoryShardLogStore(1L << 30, 1 << 20, 16_384);
    private final TrafficMeter traffic = new InMemoryTrafficMeter();
    private final StreamService streams = new StreamService(catalog, store, clock, properties, properties.region());
    private final AccountSettingsService account = new AccountSettingsService(clock);
    private final ReshardingService resharding =
            new ReshardingService(catalog, store, streams, new LocalReshardingLock(), clock, properties, account);
    private final ShardIteratorService iterators = RunnelFixture.iteratorService(streams, clock, properties);
    private final RecordService records =
            new RecordService(streams.lookup(), iterators, clock, traffic, Throttler.unlimited());
    private final OnDemandScaling scaling =
            new LocalOnDemandScaling(streams, resharding, traffic, clock, properties.onDemand(), account);
    private final StreamName name = new StreamName("busy");
    private int counter;

    @Test
    void sustainedLoadDoublesTheShardsOneStepAtATime() {
        streams.create(CreateStreamCommand.of("busy", StreamMode.ON_DEMAND, null, null, null, null));
        assertThat(streams.describe(name).openShardCount()).isEqualTo(4);

        List<Integer> shardCounts = new ArrayList<>();
        for (int second = 0; second < 90; second++) {
            int open = streams.describe(name).openShardCount();
            putRecords(open * 1000);
            clock.advance(Duration.ofSeconds(1));
            scaling.scaleUp();
            shardCounts.add(streams.describe(name).openShardCount());
        }

        Stream stream = streams.describe(name);
        assertThat(stream.scalingEvents())
                .extracting(ScalingEvent::fromShards, ScalingEvent::toShards)
                .startsWith(org.assertj.core.groups.Tuple.tuple(4, 8), org.assertj.core.groups.Tuple.tuple(8, 16));
        for (ScalingEvent event : stream.scalingEvents()) {
            assertThat(event.toShards()).isEqualTo(event.fromShards() * 2);
            assertThat(event.reason()).contains("of capacity");
        }
        for (int i = 1; i < stream.scalingEvents().size(); i++) {
            assertThat(Duration.between(
                            stream.scalingEvents().get(i - 1).at(),
                            stream.scalingEvents().get(i).at()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        }
        for (int i = 1; i < shardCounts.size(); i++) {
            assertThat(shardCounts.get(i)).isIn(shardCounts.get(i - 1), shardCounts.get(i - 1) * 2);
        }
        assertThat(shardCounts.get(shardCounts.size() - 1)).isGreaterThanOrEqualTo(16);
    }

    @Test
    void lightLoadAndProvisionedStreamsDoNotScale() {
        streams.create(CreateStreamCommand.of("busy", StreamMode.ON_DEMAND, null, null, null, null));
        streams.create(CreateStreamCommand.of("fixed", 1, null, null, null));
        for (int second = 0; second < 30; second++) {
            putRecords(1000);
            for (int i = 0; i < 1500; i++) {
                records.put(new dev.runnel.records.PutRecordCommand(
                        new StreamName("fixed"), new RecordInput("k" + i, new byte[10], null), null));
            }
            clock.advance(Duration.ofSeconds(1));
            assertThat(scaling.scaleUp()).isEmpty();
        }
        assertThat(streams.describe(name).openShardCount()).isEqualTo(4);
        assertThat(streams.describe(new StreamName("fixed")).openShardCount()).isEqualTo(1);
        assertThat(streams.status(streams.describe(name))).isEqualTo(StreamStatus.ACTIVE);
    }

    @Test
    void warmThroughputIsAFloorWhileTheCommitmentHolds() {
        streams.create(CreateStreamCommand.of("busy", StreamMode.ON_DEMAND, null, null, null, null));
        account.updateCommitment(true);
        // As a warm throughput whose own scaling step was refused leaves it: set, with the stream still below it.
        catalog.replace(
                streams.describe(name),
                streams.describe(name).with(c -> c.features = c.features.withWarmThroughput(10)));

        List<ScalingEvent> steps = scaling.scaleUp();
        assertThat(steps).singleElement().satisfies(step -> {
            assertThat(step.toShards()).isEqualTo(10);
            assertThat(step.reason()).isEqualTo("warm throughput of 10 MiB/s");
        });
        clock.advance(Duration.ofSeconds(1));
        assertThat(scaling.scaleUp())
                .as("at the floor, light load does not scale")
                .isEmpty();
        assertThat(streams.describe(name).openShardCount()).isEqualTo(10);
    }

    @Test
    void noFloorOnceTheCommitmentHasEnded() {
        streams.create(CreateStreamCommand.of("busy", StreamMode.ON_DEMAND, null, null, null, null));
        catalog.replace(
                streams.describe(name),
                streams.describe(name).with(c -> c.features = c.features.withWarmThroughput(10)));
        assertThat(scaling.scaleUp()).isEmpty();
        assertThat(streams.describe(name).openShardCount()).isEqualTo(4);
    }

    private void putRecords(int count) {
        for (int done = 0; done < count; done += PutRecordsCommand.MAX_RECORDS) {
            List<RecordInput> batch = new ArrayList<>();
            for (int i = 0; i < Math.min(PutRecordsCommand.MAX_RECORDS, count - done); i++) {
                batch.add(new RecordInput("key-" + counter++, new byte[16], null));
            }
            assertThat(records.putAll(new PutRecordsCommand(name, batch)).failedRecordCount())
                    .isZero();
        }
    }
}
