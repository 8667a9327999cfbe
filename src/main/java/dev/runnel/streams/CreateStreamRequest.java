package dev.runnel.streams;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.StreamMode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.Map;

/** REST body of {@code POST /streams}. */
@Schema(name = "CreateStreamRequest", description = "A stream to create", example = """
        {"streamName": "myKinesis", "shardCount": 1, "retentionPeriodHours": 24, "tags": {"team": "data"}}""")
record CreateStreamRequest(
        @Schema(
                description = "1–128 characters of a–z, A–Z, 0–9, _ . -; unique in the region",
                example = "myKinesis",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String streamName,

        @Schema(
                description = "Number of shards, at least 1; required for PROVISIONED streams, not allowed for "
                        + "ON_DEMAND ones",
                example = "1",
                minimum = "1")
        Integer shardCount,

        @Schema(
                description = "PROVISIONED (default) or ON_DEMAND (starts with 4 shards and adds more under load)",
                allowableValues = {"PROVISIONED", "ON_DEMAND"},
                example = "PROVISIONED")
        String streamMode,

        @Schema(
                description = "How long records are kept, 24–8760 hours; default 24",
                example = "24",
                minimum = "24",
                maximum = "8760")
        Integer retentionPeriodHours,

        @Schema(
                description = "Largest record (data plus partition key), 1024–10240 KiB; default 1024",
                example = "1024",
                minimum = "1024",
                maximum = "10240")
        Integer maxRecordSizeInKiB,

        @Schema(description = "Up to 50 tags", example = "{\"team\": \"data\"}")
        Map<String, String> tags) {

    CreateStreamCommand toCommand() {
        Constraints check = Constraints.check();
        check.violation(
                "streamMode",
                streamMode,
                streamMode == null
                        || Arrays.stream(StreamMode.values())
                                .anyMatch(mode -> mode.name().equals(streamMode)),
                "Member must satisfy enum value set: " + Arrays.toString(StreamMode.values()));
        check.throwIfInvalid();
        StreamMode mode = streamMode == null ? StreamMode.PROVISIONED : StreamMode.valueOf(streamMode);
        return CreateStreamCommand.of(streamName, mode, shardCount, retentionPeriodHours, maxRecordSizeInKiB, tags);
    }
}
