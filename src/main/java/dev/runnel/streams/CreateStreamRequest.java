package dev.runnel.streams;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.StreamMode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.Map;

/** REST body of {@code POST /streams}. */
@Schema(description = "A stream to create", example = """
        {"streamName": "myKinesis", "shardCount": 1, "retentionPeriodHours": 24, "tags": {"team": "data"}}""")
record CreateStreamRequest(
        @Schema(description = "1–128 characters of [a-zA-Z0-9_.-]", example = "myKinesis",
                requiredMode = Schema.RequiredMode.REQUIRED) String streamName,
        @Schema(description = "Number of shards, at least 1; not used for ON_DEMAND streams", example = "1")
        Integer shardCount,
        @Schema(description = "PROVISIONED (default) or ON_DEMAND (starts with 4 shards and scales by itself)",
                allowableValues = {"PROVISIONED", "ON_DEMAND"}) String streamMode,
        @Schema(description = "24–8760; default 24", example = "24") Integer retentionPeriodHours,
        @Schema(description = "1024–10240; default 1024", example = "1024") Integer maxRecordSizeInKiB,
        @Schema(description = "Up to 50 tags") Map<String, String> tags) {

    CreateStreamCommand toCommand() {
        Constraints check = Constraints.check();
        check.violation("streamMode", streamMode, streamMode == null
                        || Arrays.stream(StreamMode.values()).anyMatch(mode -> mode.name().equals(streamMode)),
                "Member must satisfy enum value set: " + Arrays.toString(StreamMode.values()));
        check.throwIfInvalid();
        StreamMode mode = streamMode == null ? StreamMode.PROVISIONED : StreamMode.valueOf(streamMode);
        return CreateStreamCommand.of(streamName, mode, shardCount, retentionPeriodHours, maxRecordSizeInKiB, tags);
    }
}
