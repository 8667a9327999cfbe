package dev.runnel.streams;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.runnel.core.stream.Stream;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** REST view of one page of streams. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "StreamList", description = "A page of streams in name order")
record StreamList(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Summary> streams,

        @Schema(description = "Whether more streams follow this page", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean hasMore,

        @Schema(description = "Pass as exclusiveStartStreamName to get the next page; absent on the last page")
        String nextExclusiveStartStreamName) {

    @Schema(name = "StreamSummary", description = "A stream in a listing")
    record Summary(
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

            @Schema(example = "2026-11-26T02:47:46.512Z", requiredMode = Schema.RequiredMode.REQUIRED)
            Instant streamCreationTimestamp,

            @Schema(example = "1", requiredMode = Schema.RequiredMode.REQUIRED)
            int openShardCount,

            @Schema(example = "24", requiredMode = Schema.RequiredMode.REQUIRED)
            int retentionPeriodHours) {}

    static StreamList of(StreamPage page, StreamService streams) {
        List<Summary> summaries =
                page.streams().stream().map(stream -> summary(stream, streams)).toList();
        String next = page.hasMore() ? summaries.get(summaries.size() - 1).streamName() : null;
        return new StreamList(summaries, page.hasMore(), next);
    }

    private static Summary summary(Stream stream, StreamService streams) {
        return new Summary(
                stream.name().value(),
                streams.arn(stream),
                streams.status(stream).name(),
                stream.createdAt(),
                stream.openShardCount(),
                stream.retentionHours());
    }
}
