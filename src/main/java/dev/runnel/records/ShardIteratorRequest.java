package dev.runnel.records;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.record.ShardIteratorType;
import dev.runnel.core.record.StartingPosition;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Arrays;

/** REST body of {@code POST /shard-iterators}. */
@Schema(name = "GetShardIteratorRequest", description = "Where to start reading a shard", example = """
        {"streamName": "myKinesis", "shardId": "shardId-000000000000", "type": "TRIM_HORIZON"}""")
record ShardIteratorRequest(
        @Schema(example = "myKinesis", requiredMode = Schema.RequiredMode.REQUIRED)
        String streamName,

        @Schema(example = "shardId-000000000000", requiredMode = Schema.RequiredMode.REQUIRED)
        String shardId,

        @Schema(
                example = "TRIM_HORIZON",
                requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {
                    "AT_SEQUENCE_NUMBER",
                    "AFTER_SEQUENCE_NUMBER",
                    "TRIM_HORIZON",
                    "LATEST",
                    "AT_TIMESTAMP"
                })
        String type,

        @Schema(
                description = "For AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER only",
                example = "49646563862187298580838047627327302113839587024297558016")
        String startingSequenceNumber,

        @Schema(description = "For AT_TIMESTAMP only: ISO-8601", example = "2026-11-26T10:15:30.123Z")
        Instant timestamp) {

    StartingPosition startingPosition() {
        Constraints check = Constraints.check();
        check.required("streamName", streamName);
        if (check.required("shardId", shardId)) {
            check.length("shardId", shardId, 1, 128);
        }
        if (check.required("type", type)) {
            check.violation(
                    "type",
                    type,
                    isType(type),
                    "Member must satisfy enum value set: " + Arrays.toString(ShardIteratorType.values()));
        }
        check.throwIfInvalid();
        return StartingPosition.of(ShardIteratorType.valueOf(type), startingSequenceNumber, timestamp);
    }

    private static boolean isType(String type) {
        return Arrays.stream(ShardIteratorType.values()).anyMatch(t -> t.name().equals(type));
    }
}
