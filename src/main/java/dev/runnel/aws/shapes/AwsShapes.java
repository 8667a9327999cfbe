package dev.runnel.aws.shapes;

import dev.runnel.aws.AwsContext;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.stream.ShardLevelMetric;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.WarmThroughput;
import dev.runnel.streams.StreamService;
import java.util.List;
import java.util.Map;

/** Response shapes that several operations share, and how they are made from Runnel's model. */
public final class AwsShapes {

    private AwsShapes() {}

    public record StreamModeDetails(String streamMode) {}

    public record HashKeyRange(String startingHashKey, String endingHashKey) {}

    public record SequenceNumberRange(String startingSequenceNumber, String endingSequenceNumber) {}

    public record ShardShape(
            String shardId,
            String parentShardId,
            String adjacentParentShardId,
            HashKeyRange hashKeyRange,
            SequenceNumberRange sequenceNumberRange) {}

    public record EnhancedMetrics(List<String> shardLevelMetrics) {}

    public record Tag(String key, String value) {}

    /** Warm throughput: the MiB/s asked for, and what the stream's open shards absorb now. */
    public record WarmThroughputObject(int targetMiBps, int currentMiBps) {}

    /**
     * The warm throughput Kinesis reports for a stream: only for ON_DEMAND streams in an account whose
     * throughput commitment holds; null otherwise.
     */
    public static WarmThroughputObject warmThroughput(Stream stream, AwsContext context) {
        if (stream.mode() != StreamMode.ON_DEMAND || !context.accountSettings().commitmentActive()) {
            return null;
        }
        return new WarmThroughputObject(
                stream.features().warmThroughputMiBps(), WarmThroughput.mibpsOf(stream.openShardCount()));
    }

    public record ChildShard(String shardId, List<String> parentShards, HashKeyRange hashKeyRange) {}

    public static ChildShard childShard(Shard shard) {
        List<String> parents = shard.adjacentParent() == null
                ? List.of(shard.parent().toString())
                : List.of(shard.parent().toString(), shard.adjacentParent().toString());
        return new ChildShard(
                shard.id().toString(),
                parents,
                new HashKeyRange(
                        shard.hashKeyRange().start().toString(),
                        shard.hashKeyRange().end().toString()));
    }

    public static ShardShape shard(Stream stream, Shard shard, StreamService streams) {
        return new ShardShape(
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
                                .orElse(null)));
    }

    public static List<EnhancedMetrics> enhancedMonitoring(Stream stream) {
        return List.of(new EnhancedMetrics(metricNames(stream)));
    }

    public static List<String> metricNames(Stream stream) {
        return stream.shardLevelMetrics().stream().map(ShardLevelMetric::name).toList();
    }

    public static String encryptionType(Stream stream) {
        return encryptionType(stream.isEncrypted());
    }

    public static String encryptionType(boolean encrypted) {
        return encrypted ? "KMS" : "NONE";
    }

    public static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(tag -> new Tag(tag.getKey(), tag.getValue()))
                .toList();
    }
}
