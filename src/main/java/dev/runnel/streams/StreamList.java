package dev.runnel.streams;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.runnel.core.stream.Stream;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** REST view of one page of streams. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A page of streams in name order")
record StreamList(
        List<Summary> streams,
        @Schema(description = "Whether more streams follow this page") boolean hasMore,
        @Schema(description = "Pass as exclusiveStartStreamName to get the next page; absent on the last page")
        String nextExclusiveStartStreamName) {

    @Schema(description = "A stream in a listing")
    record Summary(String streamName, String streamArn, String status, Instant streamCreationTimestamp,
                   int openShardCount, int retentionPeriodHours) {
    }

    static StreamList of(StreamPage page, StreamService streams) {
        List<Summary> summaries = page.streams().stream().map(stream -> summary(stream, streams)).toList();
        String next = page.hasMore() ? summaries.get(summaries.size() - 1).streamName() : null;
        return new StreamList(summaries, page.hasMore(), next);
    }

    private static Summary summary(Stream stream, StreamService streams) {
        return new Summary(stream.name().value(), streams.arn(stream), streams.status(stream).name(),
                stream.createdAt(), stream.openShardCount(), stream.retentionHours());
    }
}
