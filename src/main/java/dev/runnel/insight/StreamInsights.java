package dev.runnel.insight;

import java.util.List;

/**
 * What Runnel sees of a stream's traffic: per-shard rates and utilisation over the recent window, hot flags
 * with their reasons, the heaviest partition keys, and advice with the numbers behind it.
 */
public record StreamInsights(String streamName, int openShards, int windowSeconds, Rates stream,
                             List<ShardInsight> shards, List<Advice> advice) {

    /** Average rates over the window. */
    public record Rates(double writeBytesPerSecond, double writeRecordsPerSecond, double readBytesPerSecond,
                        double readRecordsPerSecond) {
    }

    /**
     * @param writeUtilisation the larger of bytes and records against the shard's write limits (1.0 = full)
     * @param readUtilisation bytes read against the shard's read limit
     * @param throttlesLastMinute write and read requests refused in the last minute
     */
    public record ShardInsight(String shardId, boolean open, Rates rates, double writeUtilisation,
                               double readUtilisation, long throttlesLastMinute, boolean hot, List<String> hotReasons,
                               List<KeyShare> topKeys) {
    }

    /** A heavy partition key of a shard and its share of the shard's records (since the shard began). */
    public record KeyShare(String partitionKey, long records, double share) {
    }

    /**
     * One piece of advice.
     *
     * @param kind SPREAD_PARTITION_KEYS, SPLIT_SHARD, ADD_SHARDS or START_CONSUMERS_FIRST
     * @param shardId the shard it is about, if any
     * @param suggestedSplitHashKey for SPLIT_SHARD, the hash key to split at; for SPREAD_PARTITION_KEYS, the one
     *     that leaves the dominant key in the smaller child
     * @param suggestedShardCount for ADD_SHARDS, the open shard count the traffic needs
     */
    public record Advice(String kind, String shardId, String message, String suggestedSplitHashKey,
                         Integer suggestedShardCount) {
    }
}
