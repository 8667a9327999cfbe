package dev.runnel.console;

import dev.runnel.core.stream.Stream;
import dev.runnel.insight.StreamInsights;
import dev.runnel.streams.StreamService;

/** One line of the streams overview. */
public record StreamSummary(
        String name,
        String status,
        String mode,
        int openShards,
        int closedShards,
        int retentionHours,
        Rate writes,
        Rate reads,
        int hotShards) {

    static StreamSummary of(Stream stream, StreamService streams, StreamInsights insights) {
        int open = stream.openShardCount();
        int hot = (int) insights.shards().stream()
                .filter(StreamInsights.ShardInsight::hot)
                .count();
        StreamInsights.Rates rates = insights.stream();
        return new StreamSummary(
                stream.name().value(),
                streams.status(stream).name(),
                stream.mode().name(),
                open,
                stream.shards().size() - open,
                stream.retentionHours(),
                new Rate(rates.writeBytesPerSecond(), rates.writeRecordsPerSecond()),
                new Rate(rates.readBytesPerSecond(), rates.readRecordsPerSecond()),
                hot);
    }
}
