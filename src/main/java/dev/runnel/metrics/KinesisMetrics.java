package dev.runnel.metrics;

import dev.runnel.core.error.ServiceUnavailableException;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.insight.ShardTraffic;
import dev.runnel.insight.ShardTraffic.Measure;
import dev.runnel.insight.StreamTraffic;
import dev.runnel.insight.TrafficMeter;
import dev.runnel.records.ActiveSubscription;
import dev.runnel.records.Subscriptions;
import dev.runnel.regions.RegionServices;
import dev.runnel.regions.Regions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the traffic of every stream and shard as Micrometer meters named like Kinesis's CloudWatch
 * metrics ({@code kinesis.IncomingBytes}, {@code kinesis.GetRecords.IteratorAgeMilliseconds}, …), tagged with
 * region, stream and shard, and enhanced fan-out: each shard's subscriptions ({@value #SUBSCRIPTIONS}) and,
 * per subscribed consumer, how far behind its last event was ({@value #MILLIS_BEHIND}, also tagged with the
 * consumer). The meters read the counters that writes and reads already keep, so the hot path pays nothing for
 * them; {@link #refresh()} adds meters for new shards and subscriptions and removes those that are gone.
 * Thread-safe.
 */
public class KinesisMetrics {

    /** A per-shard counter: its name, the measure it reads and its description (Prometheus' HELP). */
    private record ShardCounter(String name, Measure measure, String description) {}

    private static final List<ShardCounter> SHARD_COUNTERS = List.of(
            new ShardCounter(
                    "kinesis.IncomingBytes",
                    Measure.WRITE_BYTES,
                    "Bytes (data plus partition keys) of the records PutRecord and PutRecords stored in the shard"),
            new ShardCounter(
                    "kinesis.IncomingRecords",
                    Measure.WRITE_RECORDS,
                    "Records PutRecord and PutRecords stored in the shard"),
            new ShardCounter(
                    "kinesis.GetRecords.Bytes",
                    Measure.READ_BYTES,
                    "Bytes (data plus partition keys) of the records GetRecords returned from the shard"),
            new ShardCounter(
                    "kinesis.GetRecords.Records", Measure.READ_RECORDS, "Records GetRecords returned from the shard"),
            new ShardCounter(
                    "kinesis.WriteProvisionedThroughputExceeded",
                    Measure.WRITE_THROTTLES,
                    "Records the shard's write limits refused (each refused PutRecord call or PutRecords entry "
                            + "is one record)"),
            new ShardCounter(
                    "kinesis.ReadProvisionedThroughputExceeded",
                    Measure.READ_THROTTLES,
                    "GetRecords calls the shard's read limits refused"),
            new ShardCounter(
                    "kinesis.SubscribeToShardEvent.Bytes",
                    Measure.FAN_OUT_BYTES,
                    "Bytes (data plus partition keys) of the records SubscribeToShard events pushed from the shard "
                            + "to enhanced fan-out consumers, every consumer's copy counted"),
            new ShardCounter(
                    "kinesis.SubscribeToShardEvent.Records",
                    Measure.FAN_OUT_RECORDS,
                    "Records SubscribeToShard events pushed from the shard to enhanced fan-out consumers, every "
                            + "consumer's copy counted"));

    static final String SUBSCRIPTIONS = "runnel.fanout.subscriptions";
    static final String MILLIS_BEHIND = "kinesis.SubscribeToShardEvent.MillisBehindLatest";

    private final MeterRegistry registry;
    private final Regions regions;
    private final TrafficMeter traffic;
    private final Map<String, List<Meter>> meters = new HashMap<>();

    public KinesisMetrics(MeterRegistry registry, Regions regions, TrafficMeter traffic) {
        this.registry = registry;
        this.regions = regions;
        this.traffic = traffic;
    }

    /**
     * Brings the meters in line with the streams, shards and subscriptions that exist now. Meters that are gone
     * are removed before new ones are added, so a stream made again under its old name (or a consumer
     * registered again) gets meters of its own rather than the old ones' registration.
     */
    public synchronized void refresh() {
        Map<String, Supplier<List<Meter>>> wanted = new LinkedHashMap<>();
        for (RegionServices region : regions.all()) {
            List<Stream> live;
            try {
                live = region.streams().live();
            } catch (ServiceUnavailableException storeAway) {
                return; // the store (Kafka) does not answer: keep the meters as they are until it does
            }
            for (Stream stream : live) {
                Tags streamTags = Tags.of(
                        "region", region.region(), "stream", stream.name().value());
                String streamKey = region.region() + "/" + stream.incarnation();
                wanted.put(streamKey, () -> streamMeters(traffic.stream(stream.incarnation()), streamTags));
                for (Shard shard : stream.shards()) {
                    String shardKey = streamKey + "/" + shard.id();
                    Tags shardTags = streamTags.and("shard", shard.id().toString());
                    wanted.put(
                            shardKey,
                            () -> shardMeters(
                                    traffic.shard(stream.incarnation(), shard.id()),
                                    region.subscriptions(),
                                    stream.incarnation(),
                                    shard.id(),
                                    shardTags));
                    for (ActiveSubscription active : region.subscriptions().active(stream.incarnation(), shard.id())) {
                        wanted.put(
                                shardKey + "/" + active.consumerArn(),
                                () -> List.of(millisBehind(
                                        region.subscriptions(),
                                        stream.incarnation(),
                                        active,
                                        shardTags.and("consumer", active.consumerName()))));
                    }
                }
            }
        }
        meters.entrySet().removeIf(entry -> {
            if (wanted.containsKey(entry.getKey())) {
                return false;
            }
            entry.getValue().forEach(registry::remove);
            return true;
        });
        wanted.forEach((key, made) -> meters.computeIfAbsent(key, k -> made.get()));
    }

    private List<Meter> streamMeters(StreamTraffic stream, Tags tags) {
        List<Meter> list = new ArrayList<>();
        list.add(counter(
                "kinesis.PutRecord.Success",
                stream,
                StreamTraffic::putRecordSuccesses,
                tags,
                "Successful PutRecord calls"));
        list.add(counter(
                "kinesis.PutRecords.Success",
                stream,
                StreamTraffic::putRecordsSuccesses,
                tags,
                "PutRecords calls that stored at least one record"));
        return list;
    }

    private List<Meter> shardMeters(
            ShardTraffic shard, Subscriptions subscriptions, long incarnation, ShardId shardId, Tags tags) {
        List<Meter> list = new ArrayList<>();
        for (ShardCounter counter : SHARD_COUNTERS) {
            list.add(counter(counter.name(), shard, s -> s.total(counter.measure()), tags, counter.description()));
        }
        list.add(Gauge.builder("kinesis.GetRecords.IteratorAgeMilliseconds", shard, ShardTraffic::iteratorAgeMillis)
                .tags(tags)
                .description("How far behind the newest record of the shard the latest GetRecords was, in "
                        + "milliseconds (its MillisBehindLatest)")
                .register(registry));
        list.add(Gauge.builder(SUBSCRIPTIONS, subscriptions, s -> s.activeCount(incarnation, shardId))
                .tags(tags)
                .description("Enhanced fan-out subscriptions (SubscribeToShard calls) streaming from the shard now")
                .register(registry));
        return list;
    }

    /** How far behind the last event of a consumer's subscription was; NaN once it no longer streams. */
    private Meter millisBehind(Subscriptions subscriptions, long incarnation, ActiveSubscription active, Tags tags) {
        ShardId shard = active.shardId();
        String consumerArn = active.consumerArn();
        return Gauge.builder(
                        MILLIS_BEHIND,
                        subscriptions,
                        s -> s.active(incarnation, shard, consumerArn)
                                .map(ActiveSubscription::millisBehindLatest)
                                .map(Long::doubleValue)
                                .orElse(Double.NaN))
                .tags(tags)
                .description("How far behind the newest record of the shard the consumer's latest SubscribeToShard "
                        + "event was, in milliseconds (its MillisBehindLatest)")
                .register(registry);
    }

    private <T> Meter counter(String name, T source, ToDoubleFunction<T> value, Tags tags, String description) {
        return FunctionCounter.builder(name, source, value)
                .tags(tags)
                .description(description)
                .register(registry);
    }
}
