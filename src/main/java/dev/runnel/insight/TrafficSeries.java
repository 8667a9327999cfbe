package dev.runnel.insight;

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
}
