package dev.runnel.insight;

import dev.runnel.core.shard.Shard;
import dev.runnel.core.stream.Stream;
import dev.runnel.insight.ShardTraffic.Measure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stream's traffic second by second over the last minute, per shard, for charts.
 *
 * @param epochSeconds the seconds the values belong to, oldest first; the current, unfinished second is left out
 * @param shards one entry per shard that is open, or that had traffic in the window, in shard order
 */
public record TrafficSeries(long[] epochSeconds, List<ShardSeries> shards) {

    /**
     * One shard's counts per second, aligned with {@link TrafficSeries#epochSeconds()}.
     *
     * @param throttles records refused on write plus GetRecords calls refused on read
     */
    public record ShardSeries(
            String shardId, boolean open, long[] writeBytes, long[] writeRecords, long[] readBytes, long[] throttles) {}

    /** The stream's traffic as {@code traffic} counted it, for the last minute before {@code now}. */
    static TrafficSeries of(TrafficMeter traffic, Stream stream, Instant now) {
        int length = ShardTraffic.WINDOWS - 1;
        long last = now.getEpochSecond() - 1;
        long[] seconds = new long[length];
        for (int i = 0; i < length; i++) {
            seconds[i] = last - length + 1 + i;
        }
        List<TrafficSeries.ShardSeries> shards = new ArrayList<>();
        for (Shard shard : stream.shards()) {
            ShardTraffic shardTraffic = traffic.shard(stream.incarnation(), shard.id());
            long[] writeBytes = counts(shardTraffic, seconds, Measure.WRITE_BYTES);
            long[] readBytes = counts(shardTraffic, seconds, Measure.READ_BYTES);
            if (shard.isOpen()
                    || Arrays.stream(writeBytes).sum()
                                    + Arrays.stream(readBytes).sum()
                            > 0) {
                long[] throttles = counts(shardTraffic, seconds, Measure.WRITE_THROTTLES);
                long[] readThrottles = counts(shardTraffic, seconds, Measure.READ_THROTTLES);
                for (int i = 0; i < length; i++) {
                    throttles[i] += readThrottles[i];
                }
                shards.add(new ShardSeries(
                        shard.id().toString(),
                        shard.isOpen(),
                        writeBytes,
                        counts(shardTraffic, seconds, Measure.WRITE_RECORDS),
                        readBytes,
                        throttles));
            }
        }
        return new TrafficSeries(seconds, List.copyOf(shards));
    }

    private static long[] counts(ShardTraffic traffic, long[] seconds, Measure measure) {
        long[] values = new long[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            values[i] = traffic.count(seconds[i], measure);
        }
        return values;
    }
}
