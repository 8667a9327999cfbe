package dev.runnel.insight;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What Runnel sees of a stream's traffic: per-shard rates and utilisation over the recent window, hot flags
 * with their reasons, the heaviest partition keys, and advice with the numbers behind it.
 */
@Schema(name = "StreamInsights", description = "A stream's recent traffic per shard, hot shards and advice")
public record StreamInsights(
        @Schema(example = "myKinesis", requiredMode = Schema.RequiredMode.REQUIRED)
        String streamName,

        @Schema(example = "1", requiredMode = Schema.RequiredMode.REQUIRED)
        int openShards,

        @Schema(
                description = "The seconds the rates are averaged over",
                example = "10",
                requiredMode = Schema.RequiredMode.REQUIRED)
        int windowSeconds,

        @Schema(description = "The whole stream's rates", requiredMode = Schema.RequiredMode.REQUIRED)
        Rates stream,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<ShardInsight> shards,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Advice> advice) {

    /** Average rates over the window. */
    @Schema(name = "TrafficRates", description = "Average rates over the window")
    public record Rates(
            @Schema(example = "1200.5", requiredMode = Schema.RequiredMode.REQUIRED)
            double writeBytesPerSecond,

            @Schema(example = "950.0", requiredMode = Schema.RequiredMode.REQUIRED)
            double writeRecordsPerSecond,

            @Schema(example = "0.0", requiredMode = Schema.RequiredMode.REQUIRED)
            double readBytesPerSecond,

            @Schema(example = "0.0", requiredMode = Schema.RequiredMode.REQUIRED)
            double readRecordsPerSecond) {}

    /**
     * @param writeUtilisation the larger of bytes and records against the shard's write limits (1.0 = full)
     * @param readUtilisation bytes read against the shard's read limit
     * @param throttlesLastMinute what the shard's limits refused in the 59 whole seconds before now: records refused
     *     on write (one per refused PutRecord call or PutRecords entry) plus GetRecords calls refused on read
     */
    @Schema(name = "ShardInsight", description = "One shard's traffic, whether it is hot and why, its heaviest keys")
    public record ShardInsight(
            @Schema(example = "shardId-000000000000", requiredMode = Schema.RequiredMode.REQUIRED)
            String shardId,

            @Schema(example = "true", requiredMode = Schema.RequiredMode.REQUIRED)
            boolean open,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            Rates rates,

            @Schema(
                    description = "The larger of bytes and records against the shard's write limits (1.0 = full)",
                    example = "0.95",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            double writeUtilisation,

            @Schema(
                    description = "Bytes read against the shard's read limit (1.0 = full)",
                    example = "0.0",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            double readUtilisation,

            @Schema(
                    description = "Records refused by the write limit plus GetRecords calls refused by the read "
                            + "limit in the last minute",
                    example = "0",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            long throttlesLastMinute,

            @Schema(example = "true", requiredMode = Schema.RequiredMode.REQUIRED)
            boolean hot,

            @Schema(
                    description = "Why the shard counts as hot; empty when it is not",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            List<String> hotReasons,

            @Schema(
                    description = "The heaviest partition keys, heaviest first",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            List<KeyShare> topKeys) {}

    /** A heavy partition key of a shard and its share of the shard's records (since the shard began). */
    @Schema(name = "PartitionKeyShare", description = "A heavy partition key and its share of the shard's records")
    public record KeyShare(
            @Schema(example = "1", requiredMode = Schema.RequiredMode.REQUIRED)
            String partitionKey,

            @Schema(example = "9500", requiredMode = Schema.RequiredMode.REQUIRED)
            long records,

            @Schema(description = "0.0–1.0", example = "0.98", requiredMode = Schema.RequiredMode.REQUIRED)
            double share) {}

    /**
     * One piece of advice.
     *
     * @param kind SPREAD_PARTITION_KEYS, SPLIT_SHARD, ADD_SHARDS or START_CONSUMERS_FIRST
     * @param shardId the shard it is about, if any
     * @param suggestedSplitHashKey for SPLIT_SHARD, the hash key to split at; for SPREAD_PARTITION_KEYS, the one
     *     that leaves the dominant key in the smaller child
     * @param suggestedShardCount for ADD_SHARDS, the open shard count the traffic needs
     */
    @Schema(name = "InsightAdvice", description = "What to do about the traffic, with the numbers behind it")
    public record Advice(
            @Schema(
                    allowableValues = {"SPREAD_PARTITION_KEYS", "SPLIT_SHARD", "ADD_SHARDS", "START_CONSUMERS_FIRST"},
                    example = "SPREAD_PARTITION_KEYS",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String kind,

            @Schema(description = "The shard it is about, if any", example = "shardId-000000000000")
            String shardId,

            @Schema(description = "The advice in words", requiredMode = Schema.RequiredMode.REQUIRED)
            String message,

            @Schema(
                    description = "For SPLIT_SHARD, the hash key to split at; for SPREAD_PARTITION_KEYS, the one that "
                            + "leaves the dominant key in the smaller child",
                    example = "170141183460469231731687303715884105728")
            String suggestedSplitHashKey,

            @Schema(description = "For ADD_SHARDS, the open shard count the traffic needs", example = "4")
            Integer suggestedShardCount) {}
}
