package dev.runnel.streams;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** REST body of {@code POST /streams}. */
@Schema(description = "A stream to create", example = """
        {"streamName": "myKinesis", "shardCount": 1, "retentionPeriodHours": 24, "tags": {"team": "data"}}""")
record CreateStreamRequest(
        @Schema(description = "1–128 characters of [a-zA-Z0-9_.-]", example = "myKinesis",
                requiredMode = Schema.RequiredMode.REQUIRED) String streamName,
        @Schema(description = "Number of shards, at least 1", example = "1",
                requiredMode = Schema.RequiredMode.REQUIRED) Integer shardCount,
        @Schema(description = "24–8760; default 24", example = "24") Integer retentionPeriodHours,
        @Schema(description = "1024–10240; default 1024", example = "1024") Integer maxRecordSizeInKiB,
        @Schema(description = "Up to 50 tags") Map<String, String> tags) {

    CreateStreamCommand toCommand() {
        return CreateStreamCommand.of(streamName, shardCount, retentionPeriodHours, maxRecordSizeInKiB, tags);
    }
}
