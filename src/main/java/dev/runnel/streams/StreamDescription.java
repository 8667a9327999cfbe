package dev.runnel.streams;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.stream.ScalingEvent;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** REST view of one stream with its shards; as on Kinesis, no shards are listed while it is CREATING. */
@Schema(description = "A stream, its settings and its shards")
record StreamDescription(
        @Schema(example = "myKinesis") String streamName,
        @Schema(example = "arn:aws:kinesis:us-east-1:000000000000:stream/myKinesis") String streamArn,
        @Schema(example = "ACTIVE", allowableValues = {"CREATING", "ACTIVE", "UPDATING", "DELETING"}) String status,
        @Schema(example = "PROVISIONED", allowableValues = {"PROVISIONED", "ON_DEMAND"}) String streamMode,
        Instant streamCreationTimestamp,
        @Schema(example = "24") int retentionPeriodHours,
        @Schema(example = "1024") int maxRecordSizeInKiB,
        @Schema(example = "1") int openShardCount,
        Map<String, String> tags,
        List<ShardDescription> shards,
        @Schema(description = "Recent automatic scaling steps of an ON_DEMAND stream")
        List<ScalingEvent> scalingEvents) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A shard: its hash-key range (inclusive, decimal) and sequence-number range")
    record ShardDescription(
            @Schema(example = "shardId-000000000000") String shardId,
            String parentShardId,
            String adjacentParentShardId,
            HashKeyRange hashKeyRange,
            SequenceNumberRange sequenceNumberRange,
            @Schema(description = "Open shards take writes; closed ones are read-only") boolean open,
            @Schema(description = "When the shard started taking records") Instant openedAt,
            @Schema(description = "When a split or merge closed it; absent while open") Instant closedAt,
            @Schema(description = "Records still within the retention period") long recordCount) {
    }

    @Schema(description = "Inclusive range of 128-bit hash keys, as decimal strings")
    record HashKeyRange(
            @Schema(example = "0") String startingHashKey,
            @Schema(example = "340282366920938463463374607431768211455") String endingHashKey) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "Sequence numbers of the shard; the ending one is absent while the shard is open")
    record SequenceNumberRange(
            @Schema(example = "49646563862187298580838047627327302113839587024297558016") String startingSequenceNumber,
            String endingSequenceNumber) {
    }

    static StreamDescription of(Stream stream, StreamService streams) {
        StreamStatus status = streams.status(stream);
        List<ShardDescription> shards = status == StreamStatus.CREATING ? List.of()
                : stream.shards().stream().map(shard -> shard(stream, shard, streams)).toList();
        return new StreamDescription(stream.name().value(), streams.arn(stream), status.name(), stream.mode().name(),
                stream.createdAt(), stream.retentionHours(), stream.maxRecordSizeKiB(), stream.openShardCount(),
                stream.tags(), shards, stream.scalingEvents());
    }

    static ShardDescription shard(Stream stream, Shard shard, StreamService streams) {
        return new ShardDescription(shard.id().toString(),
                shard.parentShardId().map(Object::toString).orElse(null),
                shard.adjacentParentShardId().map(Object::toString).orElse(null),
                new HashKeyRange(shard.hashKeyRange().start().toString(), shard.hashKeyRange().end().toString()),
                new SequenceNumberRange(streams.startingSequenceNumber(stream, shard).toString(),
                        streams.endingSequenceNumber(stream, shard).map(Object::toString).orElse(null)),
                shard.isOpen(), shard.openedAt(), shard.closedAt(), streams.retainedRecordCount(stream, shard));
    }
}
