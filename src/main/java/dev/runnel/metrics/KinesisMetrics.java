package dev.runnel.metrics;

import dev.runnel.core.shard.Shard;
import dev.runnel.core.stream.Stream;
import dev.runnel.insight.ShardTraffic;
import dev.runnel.insight.ShardTraffic.Measure;
import dev.runnel.insight.StreamTraffic;
import dev.runnel.insight.TrafficMeter;
import dev.runnel.regions.RegionServices;
import dev.runnel.regions.Regions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the traffic of every stream and shard as Micrometer meters named like Kinesis's CloudWatch
 * metrics ({@code kinesis.IncomingBytes}, {@code kinesis.GetRecords.IteratorAgeMilliseconds}, …), tagged with
 * region, stream and shard. The meters read the counters that writes and reads already keep, so the hot path
 * pays nothing for them; {@link #refresh()} adds meters for new shards and removes those of shards that are
 * gone. Thread-safe.
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
                    "GetRecords calls the shard's read limits refused"));

    private final MeterRegistry registry;
    private final Regions regions;
    private final TrafficMeter traffic;
    private final Map<String, List<Meter>> meters = new HashMap<>();

    public KinesisMetrics(MeterRegistry registry, Regions regions, TrafficMeter traffic) {
        this.registry = registry;
        this.regions = regions;
        this.traffic = traffic;
    }

    /** Brings the meters in line with the streams and shards that exist now. */
    public synchronized void refresh() {
        Set<String> current = new HashSet<>();
        for (RegionServices region : regions.all()) {
            for (Stream stream : region.streams().live()) {
                Tags streamTags = Tags.of(
                        "region", region.region(), "stream", stream.name().value());
                String streamKey = region.region() + "/" + stream.incarnation();
                current.add(streamKey);
                meters.computeIfAbsent(streamKey, k -> streamMeters(traffic.stream(stream.incarnation()), streamTags));
                for (Shard shard : stream.shards()) {
                    String shardKey = streamKey + "/" + shard.id();
                    current.add(shardKey);
                    meters.computeIfAbsent(
                            shardKey,
                            k -> shardMeters(
                                    traffic.shard(stream.incarnation(), shard.id()),
                                    streamTags.and("shard", shard.id().toString())));
                }
            }
        }
        meters.entrySet().removeIf(entry -> {
            if (current.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().forEach(registry::remove);
            return true;
        });
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

    private List<Meter> shardMeters(ShardTraffic shard, Tags tags) {
        List<Meter> list = new ArrayList<>();
        for (ShardCounter counter : SHARD_COUNTERS) {
            list.add(counter(counter.name(), shard, s -> s.total(counter.measure()), tags, counter.description()));
        }
        list.add(Gauge.builder("kinesis.GetRecords.IteratorAgeMilliseconds", shard, ShardTraffic::iteratorAgeMillis)
                .tags(tags)
                .description("How far behind the newest record of the shard the latest GetRecords was, in "
                        + "milliseconds (its MillisBehindLatest)")
                .register(registry));
        return list;
    }

    private <T> Meter counter(String name, T source, ToDoubleFunction<T> value, Tags tags, String description) {
        return FunctionCounter.builder(name, source, value)
                .tags(tags)
                .description(description)
                .register(registry);
    }
}
