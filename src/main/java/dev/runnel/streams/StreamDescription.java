package dev.runnel.streams;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.stream.ScalingEvent;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** REST view of one stream with its shards; as on Kinesis, no shards are listed while it is CREATING. */
@Schema(name = "StreamDescription", description = "A stream, its settings and its shards")
record StreamDescription(
        @Schema(example = "myKinesis", requiredMode = Schema.RequiredMode.REQUIRED)
        String streamName,

        @Schema(
                example = "arn:aws:kinesis:us-east-1:000000000000:stream/myKinesis",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String streamArn,

        @Schema(
                example = "ACTIVE",
                allowableValues = {"CREATING", "ACTIVE", "UPDATING", "DELETING"},
                requiredMode = Schema.RequiredMode.REQUIRED)
        String status,

        @Schema(
                example = "PROVISIONED",
                allowableValues = {"PROVISIONED", "ON_DEMAND"},
                requiredMode = Schema.RequiredMode.REQUIRED)
        String streamMode,

        @Schema(example = "2026-11-26T02:47:46.512Z", requiredMode = Schema.RequiredMode.REQUIRED)
        Instant streamCreationTimestamp,

        @Schema(description = "How long records are kept", example = "24", requiredMode = Schema.RequiredMode.REQUIRED)
        int retentionPeriodHours,

        @Schema(
                description = "Largest record (data plus partition key) the stream takes",
                example = "1024",
                requiredMode = Schema.RequiredMode.REQUIRED)
        int maxRecordSizeInKiB,

        @Schema(example = "1", requiredMode = Schema.RequiredMode.REQUIRED)
        int openShardCount,

        @Schema(example = "{\"team\": \"data\"}", requiredMode = Schema.RequiredMode.REQUIRED)
        Map<String, String> tags,

        @Schema(
                description = "Open and closed shards in id order; empty while the stream is CREATING",
                requiredMode = Schema.RequiredMode.REQUIRED)
        List<ShardDescription> shards,

        @Schema(
                description = "Recent automatic scaling steps of an ON_DEMAND stream",
                requiredMode = Schema.RequiredMode.REQUIRED)
        List<ScalingStep> scalingEvents) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(
            name = "ShardDescription",
            description = "A shard: its lineage, hash-key range (inclusive, decimal) and sequence-number range")
    record ShardDescription(
            @Schema(example = "shardId-000000000000", requiredMode = Schema.RequiredMode.REQUIRED)
            String shardId,

            @Schema(
                    description = "The shard this one was split from, or the first of the two it was merged from",
                    example = "shardId-000000000000")
            String parentShardId,

            @Schema(description = "The second shard of a merge", example = "shardId-000000000001")
            String adjacentParentShardId,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            HashKeyRange hashKeyRange,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            SequenceNumberRange sequenceNumberRange,

            @Schema(
                    description = "Open shards take writes; closed ones are read-only",
                    example = "true",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            boolean open,

            @Schema(
                    description = "When the shard started taking records",
                    example = "2026-11-26T02:47:47.012Z",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            Instant openedAt,

            @Schema(
                    description = "When a split or merge closed it; absent while open",
                    example = "2026-11-26T03:10:00.250Z")
            Instant closedAt,

            @Schema(
                    description = "Records still within the retention period",
                    example = "6",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            long recordCount) {}

    @Schema(name = "HashKeyRange", description = "Inclusive range of 128-bit hash keys, as decimal strings")
    record HashKeyRange(
            @Schema(example = "0", requiredMode = Schema.RequiredMode.REQUIRED)
            String startingHashKey,

            @Schema(example = "340282366920938463463374607431768211455", requiredMode = Schema.RequiredMode.REQUIRED)
            String endingHashKey) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(
            name = "SequenceNumberRange",
            description = "Sequence numbers of the shard; the ending one is absent while the shard is open")
    record SequenceNumberRange(
            @Schema(
                    example = "49646563862187298580838047627327302113839587024297558016",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String startingSequenceNumber,

            @Schema(example = "49646563862187298580838047627327302113839587024297558022")
            String endingSequenceNumber) {}

    @Schema(name = "ScalingEvent", description = "One automatic scaling step of an ON_DEMAND stream")
    record ScalingStep(
            @Schema(
                    description = "When the step started",
                    example = "2026-11-26T03:00:10.000Z",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            Instant at,

            @Schema(description = "Open shards before", example = "4", requiredMode = Schema.RequiredMode.REQUIRED)
            int fromShards,

            @Schema(description = "Open shards after", example = "8", requiredMode = Schema.RequiredMode.REQUIRED)
            int toShards,

            @Schema(description = "The measurement that triggered it", requiredMode = Schema.RequiredMode.REQUIRED)
            String reason) {

        static ScalingStep of(ScalingEvent event) {
            return new ScalingStep(event.at(), event.fromShards(), event.toShards(), event.reason());
        }
    }

    static StreamDescription of(Stream stream, StreamService streams) {
        StreamStatus status = streams.status(stream);
        List<ShardDescription> shards = status == StreamStatus.CREATING
                ? List.of()
                : stream.shards().stream()
                        .map(shard -> shard(stream, shard, streams))
                        .toList();
        return new StreamDescription(
                stream.name().value(),
                streams.arn(stream),
                status.name(),
                stream.mode().name(),
                stream.createdAt(),
                stream.retentionHours(),
                stream.maxRecordSizeKiB(),
                stream.openShardCount(),
                stream.tags(),
                shards,
                stream.scalingEvents().stream().map(ScalingStep::of).toList());
    }

    static ShardDescription shard(Stream stream, Shard shard, StreamService streams) {
        return new ShardDescription(
                shard.id().toString(),
                shard.parentShardId().map(Object::toString).orElse(null),
                shard.adjacentParentShardId().map(Object::toString).orElse(null),
                new HashKeyRange(
                        shard.hashKeyRange().start().toString(),
                        shard.hashKeyRange().end().toString()),
                new SequenceNumberRange(
                        SequenceNumber.startOf(stream, shard).toString(),
                        SequenceNumber.endOf(stream, shard)
                                .map(Object::toString)
                                .orElse(null)),
                shard.isOpen(),
                shard.openedAt(),
                shard.closedAt(),
                streams.retainedRecordCount(stream, shard));
    }
}
