package dev.runnel.streams;

import io.swagger.v3.oas.annotations.media.Schema;

/** REST bodies of the resharding calls. */
final class ShardRequests {

    private ShardRequests() {}

    @Schema(
            name = "SplitShardRequest",
            description = "Where to split: the first hash key of the second child",
            example = "{\"newStartingHashKey\": \"170141183460469231731687303715884105728\"}")
    record Split(
            @Schema(
                    description = "Decimal; greater than the shard's starting hash key plus 1, less than its "
                            + "ending hash key",
                    example = "170141183460469231731687303715884105728",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String newStartingHashKey) {}

    @Schema(name = "MergeShardsRequest", description = "Two open, hash-adjacent shards to merge", example = """
            {"shardToMerge": "shardId-000000000001", "adjacentShardToMerge": "shardId-000000000002"}""")
    record Merge(
            @Schema(example = "shardId-000000000001", requiredMode = Schema.RequiredMode.REQUIRED)
            String shardToMerge,

            @Schema(example = "shardId-000000000002", requiredMode = Schema.RequiredMode.REQUIRED)
            String adjacentShardToMerge) {}

    @Schema(
            name = "UpdateShardCountRequest",
            description = "The number of open shards to scale to uniformly",
            example = "{\"targetShardCount\": 2}")
    record ShardCount(
            @Schema(
                    description = "Between half and double the open shard count",
                    example = "2",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            Integer targetShardCount) {}

    @Schema(
            name = "UpdateStreamModeRequest",
            description = "The capacity mode",
            example = "{\"streamMode\": \"ON_DEMAND\"}")
    record Mode(
            @Schema(
                    allowableValues = {"PROVISIONED", "ON_DEMAND"},
                    example = "ON_DEMAND",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String streamMode) {}

    @Schema(name = "UpdateShardCountResult", description = "The outcome of a shard-count update")
    record ShardCountUpdated(
            @Schema(
                    description = "Open shards before the update",
                    example = "1",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            int currentShardCount,

            @Schema(
                    description = "Open shards once it is done",
                    example = "2",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            int targetShardCount,

            @Schema(
                    description = "The stream, UPDATING while the shards change",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            StreamDescription stream) {}

    @Schema(name = "ShardList", description = "The shards that pass the filter, in id order")
    record ShardList(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            java.util.List<StreamDescription.ShardDescription> shards) {}
}
