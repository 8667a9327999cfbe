package dev.runnel.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.error.ProvisionedThroughputExceededException;
import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.InMemoryTrafficMeter;
import dev.runnel.insight.TrafficMeter;
import dev.runnel.records.PutRecordCommand;
import dev.runnel.records.PutRecordsCommand;
import dev.runnel.records.RecordInput;
import dev.runnel.records.Subscription;
import dev.runnel.regions.RegionServices;
import dev.runnel.regions.Regions;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.storage.memory.InMemoryShardLogStore;
import dev.runnel.storage.memory.InMemoryStreamCatalog;
import dev.runnel.streams.ConsumerService.ConsumerRef;
import dev.runnel.streams.CreateStreamCommand;
import dev.runnel.support.ManualClock;
import dev.runnel.throttling.Bucket4jThrottler;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KinesisMetricsTest {

    private static final String SHARD = "shardId-000000000000";

    private final ManualClock clock = new ManualClock();
    private final RunnelProperties defaults = RunnelProperties.defaults();
    private final RunnelProperties properties = new RunnelProperties(
            defaults.accountId(),
            defaults.region(),
            new RunnelProperties.Streams(100, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)),
            defaults.iterators(),
            defaults.storage(),
            defaults.http());
    private final TrafficMeter traffic = new InMemoryTrafficMeter();
    private final Regions regions = new Regions(
            region -> new InMemoryStreamCatalog(),
            new InMemoryShardLogStore(1L << 28, 1 << 20, 16_384),
            clock,
            properties,
            traffic,
            new Bucket4jThrottler(RunnelProperties.Limits.DEFAULTS, clock));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final KinesisMetrics metrics = new KinesisMetrics(registry, regions, traffic);

    @Test
    void shardAndStreamMetersCountWritesReadsAndThrottlesUnderKinesisNames() {
        RegionServices region = regions.defaultRegion();
        StreamName name = new StreamName("metered");
        region.streams().create(CreateStreamCommand.of("metered", 1, null, null, null));
        region.records().put(new PutRecordCommand(name, new RecordInput("k", new byte[10], null), null));
        region.records()
                .putAll(new PutRecordsCommand(
                        name,
                        List.of(new RecordInput("a", new byte[5], null), new RecordInput("b", new byte[5], null))));
        String iterator =
                region.iterators().getShardIterator(name, "shardId-000000000000", new StartingPosition.TrimHorizon());
        clock.advance(Duration.ofSeconds(3));
        region.records().getRecords(iterator, 10);
        for (int i = 0; i < 5; i++) {
            try {
                region.records().getRecords(iterator, 10);
            } catch (ProvisionedThroughputExceededException expected) {
                // the sixth call in the same instant is throttled and counted
            }
        }
        metrics.refresh();

        assertThat(counter("kinesis.IncomingRecords")).isEqualTo(3);
        assertThat(counter("kinesis.IncomingBytes")).isEqualTo(11 + 6 + 6);
        assertThat(counter("kinesis.GetRecords.Records")).isEqualTo(3 * 5);
        assertThat(counter("kinesis.ReadProvisionedThroughputExceeded")).isEqualTo(1);
        assertThat(counter("kinesis.WriteProvisionedThroughputExceeded")).isZero();
        assertThat(registry.get("kinesis.PutRecord.Success")
                        .tag("stream", "metered")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("kinesis.PutRecords.Success")
                        .tag("stream", "metered")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("kinesis.GetRecords.IteratorAgeMilliseconds")
                        .tag("shard", "shardId-000000000000")
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void metersOfDeletedStreamsAreRemoved() {
        RegionServices region = regions.defaultRegion();
        region.streams().create(CreateStreamCommand.of("short-lived", 2, null, null, null));
        metrics.refresh();
        assertThat(registry.find("kinesis.IncomingRecords")
                        .tag("stream", "short-lived")
                        .functionCounters())
                .hasSize(2);

        region.streams().delete(new StreamName("short-lived"));
        clock.advance(Duration.ofSeconds(1));
        metrics.refresh();
        assertThat(registry.find("kinesis.IncomingRecords")
                        .tag("stream", "short-lived")
                        .functionCounters())
                .isEmpty();
        assertThat(registry.find("kinesis.PutRecord.Success")
                        .tag("stream", "short-lived")
                        .functionCounters())
                .isEmpty();
    }

    @Test
    void everyRunnelMeterHasADescriptionSoNoPrometheusHelpLineIsEmpty() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KinesisMetrics published = new KinesisMetrics(prometheus, regions, traffic);
        regions.defaultRegion().streams().create(CreateStreamCommand.of("described", 1, null, null, null));
        published.refresh();

        List<Meter> runnelMeters = prometheus.getMeters().stream()
                .filter(meter -> isRunnelMeter(meter.getId().getName()))
                .toList();
        assertThat(runnelMeters).as("10 meters per shard and 2 per stream").hasSize(12);
        assertThat(runnelMeters)
                .allSatisfy(meter -> assertThat(meter.getId().getDescription())
                        .as("description of %s", meter.getId().getName())
                        .isNotBlank());

        List<String> help = prometheus
                .scrape()
                .lines()
                .filter(line -> line.startsWith("# HELP kinesis") || line.startsWith("# HELP runnel"))
                .toList();
        assertThat(help).as("one HELP line per meter family").hasSize(12);
        assertThat(help)
                .allSatisfy(line -> assertThat(line).as("a HELP line with text").matches("# HELP \\S+ \\S.*"));
    }

    @Test
    void fanOutMetersCountDeliveriesApartFromGetRecordsAndFollowEachSubscription() {
        RegionServices region = regions.defaultRegion();
        StreamName name = new StreamName("fanned");
        region.streams().create(CreateStreamCommand.of("fanned", 1, null, null, null));
        String arn = region.consumers().register(name, "app", Map.of()).consumerArn();
        clock.advance(Duration.ofSeconds(1));
        Subscription subscription = region.subscriptions()
                .subscribe(new ConsumerRef(name, "app", null), SHARD, new StartingPosition.TrimHorizon());
        region.records().put(new PutRecordCommand(name, new RecordInput("k", new byte[10], null), null));
        clock.advance(Duration.ofSeconds(1));
        assertThat(subscription.next(false).records()).hasSize(1);
        metrics.refresh();

        assertThat(counter("fanned", "kinesis.SubscribeToShardEvent.Records")).isEqualTo(1);
        assertThat(counter("fanned", "kinesis.SubscribeToShardEvent.Bytes")).isEqualTo(11);
        assertThat(counter("fanned", "kinesis.GetRecords.Records"))
                .as("not a GetRecords")
                .isZero();
        assertThat(registry.get(KinesisMetrics.SUBSCRIPTIONS)
                        .tag("stream", "fanned")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.get(KinesisMetrics.MILLIS_BEHIND)
                        .tag("stream", "fanned")
                        .tag("shard", SHARD)
                        .tag("consumer", "app")
                        .gauge()
                        .value())
                .isZero();
        assertThat(arn)
                .endsWith("/consumer/app:" + clock.instant().minusSeconds(2).getEpochSecond());

        subscription.cancel();
        assertThat(registry.get(KinesisMetrics.SUBSCRIPTIONS)
                        .tag("stream", "fanned")
                        .gauge()
                        .value())
                .isZero();
        metrics.refresh();
        assertThat(registry.find(KinesisMetrics.MILLIS_BEHIND).gauges())
                .as("gone with its subscription")
                .isEmpty();
    }

    @Test
    void aStreamMadeAgainUnderItsNameGetsMetersOfItsOwn() {
        RegionServices region = regions.defaultRegion();
        StreamName name = new StreamName("again");
        region.streams().create(CreateStreamCommand.of("again", 1, null, null, null));
        metrics.refresh();
        region.streams().delete(name);
        clock.advance(Duration.ofSeconds(1));
        region.streams().create(CreateStreamCommand.of("again", 1, null, null, null));
        region.records().put(new PutRecordCommand(name, new RecordInput("k", new byte[10], null), null));
        metrics.refresh();

        assertThat(counter("again", "kinesis.IncomingRecords")).isEqualTo(1);
        assertThat(registry.find("kinesis.IncomingRecords")
                        .tag("stream", "again")
                        .functionCounters())
                .hasSize(1);
    }

    static boolean isRunnelMeter(String name) {
        return name.startsWith("kinesis") || name.startsWith("runnel");
    }

    private double counter(String name) {
        return counter("metered", name);
    }

    private double counter(String stream, String name) {
        return registry.get(name)
                .tag("stream", stream)
                .tag("shard", SHARD)
                .functionCounter()
                .count();
    }
}
