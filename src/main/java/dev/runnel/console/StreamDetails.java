package dev.runnel.console;

import dev.runnel.core.shard.Shard;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamStatus;
import dev.runnel.insight.StreamInsights;
import dev.runnel.records.ActiveSubscription;
import dev.runnel.streams.StreamService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the stream page shows: settings, the shard table, the lineage of closed shards, hot shards and
 * advice, the enhanced fan-out consumers and their subscriptions.
 *
 * @param createdAt as {@link ConsoleTime} writes it
 * @param openShardIds the open shards in hash-key order, for the merge and split forms
 */
public record StreamDetails(
        String name,
        String arn,
        String status,
        String mode,
        String createdAt,
        int retentionHours,
        int maxRecordSizeKiB,
        boolean encrypted,
        Map<String, String> tags,
        Rate writes,
        Rate reads,
        List<ShardRow> shards,
        List<String> openShardIds,
        List<LineageStep> lineage,
        List<StreamInsights.Advice> advice,
        int hotShards,
        int windowSeconds,
        FanOutDetails fanOut) {

    /**
     * A closed shard and what replaced it.
     *
     * @param closedAt as {@link ConsoleTime} writes it
     * @param how "split into" or "merged into"
     */
    public record LineageStep(String shardId, String closedAt, String how, List<String> children) {}

    /** @param subscriptions the subscriptions streaming now on the stream's shards */
    static StreamDetails of(
            Stream stream, StreamService streams, StreamInsights insights, List<ActiveSubscription> subscriptions) {
        StreamStatus status = streams.status(stream);
        String arn = streams.arn(stream);
        List<ShardRow> rows = new ArrayList<>();
        List<LineageStep> lineage = new ArrayList<>();
        if (status != StreamStatus.CREATING) {
            for (int i = 0; i < stream.shards().size(); i++) {
                Shard shard = stream.shards().get(i);
                rows.add(ShardRow.of(stream, shard, streams, insights.shards().get(i)));
                if (!shard.isOpen()) {
                    List<String> children = stream.children(shard.id()).stream()
                            .map(child -> child.id().toString())
                            .toList();
                    lineage.add(new LineageStep(
                            shard.id().toString(),
                            ConsoleTime.format(shard.closedAt()),
                            children.size() > 1 ? "split into" : "merged into",
                            children));
                }
            }
        }
        StreamInsights.Rates rates = insights.stream();
        return new StreamDetails(
                stream.name().value(),
                arn,
                status.name(),
                stream.mode().name(),
                ConsoleTime.format(stream.createdAt()),
                stream.retentionHours(),
                stream.maxRecordSizeKiB(),
                stream.isEncrypted(),
                stream.tags(),
                new Rate(rates.writeBytesPerSecond(), rates.writeRecordsPerSecond()),
                new Rate(rates.readBytesPerSecond(), rates.readRecordsPerSecond()),
                List.copyOf(rows),
                stream.openShardsByHashKey().stream()
                        .map(shard -> shard.id().toString())
                        .toList(),
                List.copyOf(lineage),
                insights.advice(),
                (int) insights.shards().stream()
                        .filter(StreamInsights.ShardInsight::hot)
                        .count(),
                insights.windowSeconds(),
                status == StreamStatus.CREATING
                        ? new FanOutDetails(List.of(), List.of())
                        : FanOutDetails.of(stream, arn, streams.now(), subscriptions));
    }

    /** The open row of a shard, if it is in the table. */
    public boolean isOpen(String shardId) {
        return openShardIds.contains(shardId);
    }
}
