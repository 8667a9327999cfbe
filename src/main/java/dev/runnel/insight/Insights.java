package dev.runnel.insight;

import dev.runnel.core.hash.HashKey;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardCapacity;
import dev.runnel.core.stream.Stream;
import dev.runnel.insight.ShardTraffic.Measure;
import dev.runnel.insight.StreamInsights.Advice;
import dev.runnel.insight.StreamInsights.KeyShare;
import dev.runnel.insight.StreamInsights.Rates;
import dev.runnel.insight.StreamInsights.ShardInsight;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a stream's traffic windows and explains them: which shards are hot and why, which partition keys
 * dominate, and what to do — the best practices of the blog post Runnel grew from. A shard is hot when its
 * write utilisation over the window reaches {@code hotShare}, when it was throttled in the last minute, or
 * when it takes more than twice its fair share of a stream that carries real traffic. Stateless.
 *
 * <p>"Throttled" counts what the shard's limits refused over the 59 whole seconds before now (the second
 * under way is not counted yet): records refused on write, one per PutRecord call and one per PutRecords entry
 * that failed with ProvisionedThroughputExceededException, plus GetRecords calls refused on read. A
 * PutRecords request of 500 records over the limit is therefore up to 500 throttles, not one; faults injected
 * on the AWS edge and control-plane limits are not counted. {@link StreamInsights.ShardInsight} reports the
 * sum, and the hot reason names both parts.
 */
public final class Insights {

    /** Seconds the rates are averaged over. */
    public static final int WINDOW_SECONDS = 10;
    /** A key with at least this share of a hot shard's records is "dominant". */
    static final double DOMINANT_SHARE = 0.5;

    private static final double MIB = 1024 * 1024;
    /** Headroom added when sizing a stream. */
    static final double HEADROOM = 1.2;
    /** A stream carries real traffic above this share of one shard's write capacity. */
    static final double REAL_TRAFFIC = 0.05;

    private final TrafficMeter traffic;
    private final double hotShare;

    /** @param hotShare the write utilisation from which a shard is hot, e.g. 0.8 */
    public Insights(TrafficMeter traffic, double hotShare) {
        this.traffic = traffic;
        this.hotShare = hotShare;
    }

    public StreamInsights analyze(Stream stream, Instant now) {
        long second = now.getEpochSecond();
        List<Shard> open = stream.openShardsByHashKey();
        double streamWriteRecords = 0;
        double streamWriteBytes = 0;
        double streamReadBytes = 0;
        double streamReadRecords = 0;
        List<Rates> rates = new ArrayList<>();
        for (Shard shard : stream.shards()) {
            ShardTraffic shardTraffic = traffic.shard(stream.incarnation(), shard.id());
            Rates shardRates = new Rates(
                    rate(shardTraffic, second, Measure.WRITE_BYTES),
                    rate(shardTraffic, second, Measure.WRITE_RECORDS),
                    rate(shardTraffic, second, Measure.READ_BYTES),
                    rate(shardTraffic, second, Measure.READ_RECORDS));
            rates.add(shardRates);
            streamWriteBytes += shardRates.writeBytesPerSecond();
            streamWriteRecords += shardRates.writeRecordsPerSecond();
            streamReadBytes += shardRates.readBytesPerSecond();
            streamReadRecords += shardRates.readRecordsPerSecond();
        }
        double streamUtilisation = Math.max(
                streamWriteBytes / ShardCapacity.WRITE_BYTES_PER_SECOND,
                streamWriteRecords / ShardCapacity.WRITE_RECORDS_PER_SECOND);
        boolean realTraffic = streamUtilisation >= REAL_TRAFFIC;

        List<ShardInsight> shards = new ArrayList<>();
        List<Advice> advice = new ArrayList<>();
        for (int i = 0; i < stream.shards().size(); i++) {
            Shard shard = stream.shards().get(i);
            Rates r = rates.get(i);
            ShardTraffic shardTraffic = traffic.shard(stream.incarnation(), shard.id());
            double writeUtilisation = Math.max(
                    r.writeBytesPerSecond() / ShardCapacity.WRITE_BYTES_PER_SECOND,
                    r.writeRecordsPerSecond() / ShardCapacity.WRITE_RECORDS_PER_SECOND);
            double readUtilisation = r.readBytesPerSecond() / ShardCapacity.READ_BYTES_PER_SECOND;
            long recordsRefused = shardTraffic.sum(second, ShardTraffic.WINDOWS - 1, Measure.WRITE_THROTTLES);
            long readsRefused = shardTraffic.sum(second, ShardTraffic.WINDOWS - 1, Measure.READ_THROTTLES);
            long throttles = recordsRefused + readsRefused;
            List<String> reasons = new ArrayList<>();
            if (shard.isOpen() && writeUtilisation >= hotShare) {
                reasons.add(String.format(
                        Locale.ROOT,
                        "writes at %.0f%% of the shard's limit (%.0f records/s, " + "%.0f bytes/s)",
                        writeUtilisation * 100,
                        r.writeRecordsPerSecond(),
                        r.writeBytesPerSecond()));
            }
            if (throttles > 0) {
                reasons.add(throttled(recordsRefused, readsRefused));
            }
            double share = streamWriteRecords == 0 ? 0 : r.writeRecordsPerSecond() / streamWriteRecords;
            if (shard.isOpen() && realTraffic && open.size() > 1 && share > 2.0 / open.size()) {
                reasons.add(String.format(
                        Locale.ROOT,
                        "takes %.0f%% of the stream's writes, more than twice its " + "fair share of %.0f%%",
                        share * 100,
                        100.0 / open.size()));
            }
            List<KeyShare> topKeys = topKeys(shardTraffic.keys());
            boolean hot = shard.isOpen() && !reasons.isEmpty();
            shards.add(new ShardInsight(
                    shard.id().toString(),
                    shard.isOpen(),
                    r,
                    writeUtilisation,
                    readUtilisation,
                    throttles,
                    hot,
                    List.copyOf(reasons),
                    topKeys));
            if (hot) {
                adviseOnHotShard(stream, shard, shardTraffic.keys(), topKeys, advice);
            }
            if (shardTraffic.recordsMissedByLatest() > 0) {
                advice.add(new Advice(
                        "START_CONSUMERS_FIRST",
                        shard.id().toString(),
                        String.format(
                                Locale.ROOT,
                                "A reader started %s with LATEST at %s, after %d records had been written: it will never "
                                        + "see them. Start LATEST consumers before producers, or read from TRIM_HORIZON.",
                                shard.id(),
                                Instant.ofEpochSecond(shardTraffic.latestStartSecond()),
                                shardTraffic.recordsMissedByLatest()),
                        null,
                        null));
            }
        }
        adviseOnSize(stream, streamWriteBytes, streamWriteRecords, streamReadBytes, advice);
        return new StreamInsights(
                stream.name().value(),
                open.size(),
                WINDOW_SECONDS,
                new Rates(streamWriteBytes, streamWriteRecords, streamReadBytes, streamReadRecords),
                List.copyOf(shards),
                List.copyOf(advice));
    }

    /**
     * The reason a throttled shard is hot, in what was counted: records refused by the write limits (a
     * PutRecord call or a PutRecords entry each count one record) and GetRecords calls refused by the read
     * limits, e.g. "998 records refused by the write limit and 3 GetRecords calls refused by the read limit in
     * the last minute". A kind with none is left out.
     */
    static String throttled(long recordsRefused, long readsRefused) {
        List<String> parts = new ArrayList<>(2);
        if (recordsRefused > 0) {
            parts.add(recordsRefused + (recordsRefused == 1 ? " record" : " records") + " refused by the write limit");
        }
        if (readsRefused > 0) {
            parts.add(readsRefused + (readsRefused == 1 ? " GetRecords call" : " GetRecords calls")
                    + " refused by the read limit");
        }
        return String.join(" and ", parts) + " in the last minute";
    }

    /** Second-by-second traffic of the stream's shards over the last minute; see {@link TrafficSeries}. */
    public TrafficSeries series(Stream stream, Instant now) {
        return TrafficSeries.of(traffic, stream, now);
    }

    private static double rate(ShardTraffic traffic, long second, Measure measure) {
        return traffic.sum(second, WINDOW_SECONDS, measure) / (double) WINDOW_SECONDS;
    }

    private static List<KeyShare> topKeys(HeavyHitters keys) {
        long total = keys.total();
        return keys.top().stream()
                .limit(5)
                .map(h -> new KeyShare(h.partitionKey(), h.count(), total == 0 ? 0 : h.count() / (double) total))
                .toList();
    }

    private static void adviseOnHotShard(
            Stream stream, Shard shard, HeavyHitters keys, List<KeyShare> topKeys, List<Advice> advice) {
        if (!topKeys.isEmpty() && topKeys.get(0).share() >= DOMINANT_SHARE) {
            KeyShare key = topKeys.get(0);
            HashKey isolate = keys.top().stream()
                    .filter(h -> h.partitionKey().equals(key.partitionKey()))
                    .findFirst()
                    .map(h -> SplitPoints.isolating(h.hashKey(), shard.hashKeyRange()))
                    .orElse(null);
            String split = isolate == null
                    ? ""
                    : String.format(
                            Locale.ROOT,
                            " Splitting at %s would leave '%s' "
                                    + "in the smaller child, so most of the shard's other keys stop sharing its throttling, but no "
                                    + "split raises one key's limit of 1 MiB/s and 1,000 records/s.",
                            isolate,
                            key.partitionKey());
            advice.add(new Advice(
                    "SPREAD_PARTITION_KEYS",
                    shard.id().toString(),
                    String.format(
                            Locale.ROOT,
                            "Partition key '%s' carries %.0f%% of the records of %s. Every record of one key goes to the "
                                    + "same shard, so splitting the shard cannot help it: spread the keys (a random or "
                                    + "time-based part, or one key per source such as a sensor id).%s",
                            key.partitionKey(),
                            key.share() * 100,
                            shard.id(),
                            split),
                    isolate == null ? null : isolate.toString(),
                    null));
            return;
        }
        HashKey split = SplitPoints.weightedMedian(keys, shard.hashKeyRange());
        if (split != null) {
            advice.add(new Advice(
                    "SPLIT_SHARD",
                    shard.id().toString(),
                    String.format(
                            Locale.ROOT,
                            "Traffic in %s comes from several keys spread over its hash-key range; splitting it at %s (the "
                                    + "weighted median of the keys seen) divides its writes about evenly: POST /streams/%s/"
                                    + "shards/%s/split {\"newStartingHashKey\": \"%s\"}.",
                            shard.id(),
                            split,
                            stream.name(),
                            shard.id(),
                            split),
                    split.toString(),
                    null));
        }
    }

    private static void adviseOnSize(
            Stream stream, double writeBytes, double writeRecords, double readBytes, List<Advice> advice) {
        double needed = Math.max(
                writeBytes / ShardCapacity.WRITE_BYTES_PER_SECOND,
                Math.max(
                        writeRecords / ShardCapacity.WRITE_RECORDS_PER_SECOND,
                        readBytes / ShardCapacity.READ_BYTES_PER_SECOND));
        int shards = (int) Math.ceil(needed * HEADROOM);
        if (shards > stream.openShardCount()) {
            advice.add(new Advice(
                    "ADD_SHARDS",
                    null,
                    String.format(
                            Locale.ROOT,
                            "The stream's traffic (writes %.2f MiB/s and %.0f records/s, reads %.2f MiB/s) needs %d shards "
                                    + "with %.0f%% headroom (a shard takes 1 MiB/s and 1,000 records/s of writes and serves "
                                    + "2 MiB/s of reads); it has %d open. Scale with UpdateShardCount to %d.",
                            writeBytes / MIB,
                            writeRecords,
                            readBytes / MIB,
                            shards,
                            (HEADROOM - 1) * 100,
                            stream.openShardCount(),
                            shards),
                    null,
                    shards));
        }
    }
}
