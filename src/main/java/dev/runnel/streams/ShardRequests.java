package dev.runnel.streams;

import io.swagger.v3.oas.annotations.media.Schema;

/** REST bodies of the resharding calls. */
final class ShardRequests {

    private ShardRequests() {
    }

    @Schema(description = "Where to split: the first hash key of the second child",
            example = "{\"newStartingHashKey\": \"170141183460469231731687303715884105728\"}")
    record Split(
            @Schema(description = "Decimal, strictly inside the shard's range (S + 1 < key < E)",
                    requiredMode = Schema.RequiredMode.REQUIRED) String newStartingHashKey) {
    }

    @Schema(description = "Two open, hash-adjacent shards to merge", example = """
            {"shardToMerge": "shardId-000000000001", "adjacentShardToMerge": "shardId-000000000002"}""")
    record Merge(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String shardToMerge,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String adjacentShardToMerge) {
    }

    @Schema(description = "The number of open shards to scale to uniformly", example = "{\"targetShardCount\": 2}")
    record ShardCount(
            @Schema(description = "Between half and double the open shard count",
                    requiredMode = Schema.RequiredMode.REQUIRED) Integer targetShardCount) {
    }

    @Schema(description = "The capacity mode", example = "{\"streamMode\": \"ON_DEMAND\"}")
    record Mode(
            @Schema(allowableValues = {"PROVISIONED", "ON_DEMAND"}, requiredMode = Schema.RequiredMode.REQUIRED)
            String streamMode) {
    }

    @Schema(description = "The outcome of a shard-count update")
    record ShardCountUpdated(int currentShardCount, int targetShardCount, StreamDescription stream) {
    }

    @Schema(description = "The shards that pass the filter, in id order")
    record ShardList(java.util.List<StreamDescription.ShardDescription> shards) {
    }
}
