package dev.runnel.streams;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.shard.ShardFilter;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Arrays;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(
        path = "/streams/{name}",
        produces = {"application/json", "application/problem+json"})
@Tag(name = "Shards", description = "List, split, merge and rescale a stream's shards; switch its capacity mode")
class ShardsRestController {

    private final StreamService streams;
    private final ReshardingService resharding;

    ShardsRestController(StreamService streams, ReshardingService resharding) {
        this.streams = streams;
        this.resharding = resharding;
    }

    @GetMapping("/shards")
    @Operation(
            operationId = "listShards",
            summary = "List shards, open and closed, through a Kinesis ShardFilter",
            description = "FROM_TRIM_HORIZON (default): every shard still holding data. AT_LATEST: the open ones. "
                    + "AT_TRIM_HORIZON: those open at the trim horizon. AT_TIMESTAMP / FROM_TIMESTAMP (with "
                    + "`timestamp`): open at, or open at or after, the time. AFTER_SHARD_ID (with `shardId`).")
    @ApiResponse(responseCode = "200", description = "The shards that pass the filter")
    @ApiResponse(
            responseCode = "400",
            description =
                    "ValidationException (an unknown filter) or "
                            + "InvalidArgumentException (a malformed shard id) or SerializationException (a malformed timestamp)")
    @ApiResponse(responseCode = "404", description = "ResourceNotFoundException: no such stream")
    ShardRequests.ShardList listShards(
            @PathVariable @Parameter(example = "myKinesis") String name,
            @Parameter(
                            description = "The filter type",
                            schema =
                                    @Schema(
                                            allowableValues = {
                                                "AFTER_SHARD_ID",
                                                "AT_TRIM_HORIZON",
                                                "FROM_TRIM_HORIZON",
                                                "AT_LATEST",
                                                "AT_TIMESTAMP",
                                                "FROM_TIMESTAMP"
                                            },
                                            defaultValue = "FROM_TRIM_HORIZON"))
                    @RequestParam(defaultValue = "FROM_TRIM_HORIZON")
                    String filter,
            @Parameter(
                            description = "For AFTER_SHARD_ID: list the shards after this one",
                            example = "shardId-000000000000")
                    @RequestParam(required = false)
                    String shardId,
            @Parameter(
                            description = "For AT_TIMESTAMP and FROM_TIMESTAMP, ISO-8601",
                            example = "2026-11-26T10:15:30.123Z")
                    @RequestParam(required = false)
                    Instant timestamp) {
        Constraints check = Constraints.check();
        check.violation(
                "filter",
                filter,
                Arrays.stream(ShardFilter.Type.values()).anyMatch(t -> t.name().equals(filter)),
                "Member must satisfy enum value set: " + Arrays.toString(ShardFilter.Type.values()));
        check.throwIfInvalid();
        ShardId after = shardId == null
                ? null
                : ShardId.parse(shardId)
                        .orElseThrow(() -> new dev.runnel.core.error.InvalidArgumentException(
                                "Invalid shardId: " + shardId + "."));
        Stream stream = streams.describe(new StreamName(name));
        ShardFilter shardFilter = new ShardFilter(ShardFilter.Type.valueOf(filter), after, timestamp);
        return new ShardRequests.ShardList(streams.shards(stream, shardFilter).stream()
                .map(shard -> StreamDescription.shard(stream, shard, streams))
                .toList());
    }

    @PostMapping(path = "/shards/{shardId}/split", consumes = "application/json")
    @Operation(
            operationId = "splitShard",
            summary = "Split an open shard in two at a hash key",
            description = "The stream is UPDATING for runnel.streams.update-delay; then the shard is closed (it stays "
                    + "readable until its records expire) and two children are open.")
    @ApiResponse(responseCode = "200", description = "The stream, UPDATING")
    @ApiResponse(
            responseCode = "400",
            description = "ValidationException (a missing or malformed key) or "
                    + "InvalidArgumentException (the key is not strictly inside the shard's range)")
    @ApiResponse(responseCode = "404", description = "ResourceNotFoundException: no such stream or shard")
    @ApiResponse(
            responseCode = "409",
            description = "ResourceInUseException: the stream is not ACTIVE, or the " + "shard is already closed")
    StreamDescription splitShard(
            @PathVariable @Parameter(example = "myKinesis") String name,
            @PathVariable @Parameter(example = "shardId-000000000000") String shardId,
            @RequestBody ShardRequests.Split request) {
        Constraints check = Constraints.check();
        check.required("newStartingHashKey", request.newStartingHashKey());
        check.throwIfInvalid();
        return StreamDescription.of(
                resharding.split(new StreamName(name), shardId, request.newStartingHashKey()), streams);
    }

    @PostMapping(path = "/shards/merge", consumes = "application/json")
    @Operation(
            operationId = "mergeShards",
            summary = "Merge two open, hash-adjacent shards into one",
            description = "The stream is UPDATING for runnel.streams.update-delay; then both shards are closed (they "
                    + "stay readable until their records expire) and their child is open.")
    @ApiResponse(responseCode = "200", description = "The stream, UPDATING")
    @ApiResponse(
            responseCode = "400",
            description = "ValidationException (a missing shard id) or "
                    + "InvalidArgumentException (the shards are not adjacent)")
    @ApiResponse(responseCode = "404", description = "ResourceNotFoundException: no such stream or shard")
    @ApiResponse(
            responseCode = "409",
            description = "ResourceInUseException: the stream is not ACTIVE, or a shard " + "is already closed")
    StreamDescription mergeShards(
            @PathVariable @Parameter(example = "myKinesis") String name, @RequestBody ShardRequests.Merge request) {
        Constraints check = Constraints.check();
        check.required("shardToMerge", request.shardToMerge());
        check.required("adjacentShardToMerge", request.adjacentShardToMerge());
        check.throwIfInvalid();
        return StreamDescription.of(
                resharding.merge(new StreamName(name), request.shardToMerge(), request.adjacentShardToMerge()),
                streams);
    }

    @PutMapping(path = "/shard-count", consumes = "application/json")
    @Operation(
            operationId = "updateShardCount",
            summary = "Scale to a number of uniform shards",
            description = "Between half and double the open shard count, at most 10 times a rolling day; reached "
                    + "by splits and merges that keep the shards' lineage.")
    @ApiResponse(responseCode = "200", description = "The update started; the stream is UPDATING")
    @ApiResponse(
            responseCode = "400",
            description = "ValidationException (missing or below 1) or "
                    + "InvalidArgumentException (not between half and double the open shards, or an ON_DEMAND stream)")
    @ApiResponse(responseCode = "404", description = "ResourceNotFoundException: no such stream")
    @ApiResponse(responseCode = "409", description = "ResourceInUseException: the stream is not ACTIVE")
    @ApiResponse(
            responseCode = "429",
            description = "LimitExceededException: 10 updates in 24 hours, or the " + "shard limit")
    ShardRequests.ShardCountUpdated updateShardCount(
            @PathVariable @Parameter(example = "myKinesis") String name,
            @RequestBody ShardRequests.ShardCount request) {
        Constraints check = Constraints.check();
        if (check.required("targetShardCount", request.targetShardCount())) {
            check.range("targetShardCount", request.targetShardCount(), 1, Integer.MAX_VALUE);
        }
        check.throwIfInvalid();
        ReshardingService.ShardCountUpdate update =
                resharding.updateShardCount(new StreamName(name), request.targetShardCount());
        return new ShardRequests.ShardCountUpdated(
                update.currentShardCount(), update.targetShardCount(), StreamDescription.of(update.stream(), streams));
    }

    @PutMapping(path = "/mode", consumes = "application/json")
    @Operation(
            operationId = "updateStreamMode",
            summary = "Switch between PROVISIONED and ON_DEMAND",
            description = "ON_DEMAND streams double their shards by themselves under sustained load. At most two "
                    + "switches a rolling day.")
    @ApiResponse(responseCode = "200", description = "The stream, UPDATING")
    @ApiResponse(responseCode = "400", description = "ValidationException: a missing or unknown mode")
    @ApiResponse(responseCode = "404", description = "ResourceNotFoundException: no such stream")
    @ApiResponse(responseCode = "409", description = "ResourceInUseException: the stream is not ACTIVE")
    @ApiResponse(responseCode = "429", description = "LimitExceededException: two switches in 24 hours")
    StreamDescription updateStreamMode(
            @PathVariable @Parameter(example = "myKinesis") String name, @RequestBody ShardRequests.Mode request) {
        Constraints check = Constraints.check();
        if (check.required("streamMode", request.streamMode())) {
            check.violation(
                    "streamMode",
                    request.streamMode(),
                    Arrays.stream(StreamMode.values()).anyMatch(m -> m.name().equals(request.streamMode())),
                    "Member must satisfy enum value set: " + Arrays.toString(StreamMode.values()));
        }
        check.throwIfInvalid();
        return StreamDescription.of(
                resharding.updateMode(new StreamName(name), StreamMode.valueOf(request.streamMode())), streams);
    }
}
