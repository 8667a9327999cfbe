package dev.runnel.console;

import dev.runnel.core.shard.Shard;
import dev.runnel.core.stream.Stream;
import dev.runnel.leasestore.model.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lease of a KCL application as its lease table holds it, with the attributes KCL's {@code
 * DynamoDBLeaseSerializer} and {@code DynamoDBMultiStreamLeaseSerializer} write. Attributes the view does not use
 * (pending checkpoints, hash-key ranges, throughput) are left out.
 *
 * @param leaseKey the shard id, or {@code account:stream:creationEpoch:shardId} in a multi-stream application
 * @param shardId the shard the lease is for
 * @param streamIdentifier a multi-stream lease's {@code streamName} attribute ({@code account:stream:creationEpoch});
 *     null in a single-stream application
 * @param owner the worker holding the lease; null when no worker does
 * @param checkpoint a sequence number or one of KCL's sentinels ({@code TRIM_HORIZON}, {@code LATEST}, {@code
 *     SHARD_END}, {@code AT_TIMESTAMP}); null if absent
 * @param parentShardIds the shards this one was split or merged from, sorted
 * @param childShardIds the shards that replaced this one, sorted (KCL writes them when it reaches the end)
 */
record KclLease(
        String leaseKey,
        String shardId,
        String streamIdentifier,
        String owner,
        long leaseCounter,
        String checkpoint,
        List<String> parentShardIds,
        List<String> childShardIds) {

    static final String LEASE_KEY = "leaseKey";
    static final String SHARD_END = "SHARD_END";

    /**
     * Reads a lease item.
     *
     * @return empty for an item that is not a lease: one without a string {@code leaseKey}, or one KCL 3.5 marks
     *     with an {@code entityType}
     */
    static Optional<KclLease> of(Map<String, AttributeValue> item) {
        String leaseKey = string(item, LEASE_KEY);
        if (leaseKey == null || item.containsKey("entityType")) {
            return Optional.empty();
        }
        String streamIdentifier = string(item, "streamName");
        String shardId = string(item, "shardId");
        if (shardId == null) {
            shardId = leaseKey.substring(leaseKey.lastIndexOf(':') + 1);
        }
        return Optional.of(new KclLease(
                leaseKey,
                shardId,
                streamIdentifier,
                string(item, "leaseOwner"),
                item.get("leaseCounter") instanceof AttributeValue.N n
                        ? n.value().longValue()
                        : 0,
                string(item, "checkpoint"),
                strings(item, "parentShardId"),
                strings(item, "childShardIds")));
    }

    boolean multiStream() {
        return streamIdentifier != null;
    }

    /**
     * The stream name in a multi-stream lease's identifier ({@code account:stream:creationEpoch}); the whole
     * identifier if it has another form; null in a single-stream lease.
     */
    String streamName() {
        if (streamIdentifier == null) {
            return null;
        }
        String[] parts = streamIdentifier.split(":", -1);
        return parts.length == 3 ? parts[1] : streamIdentifier;
    }

    /** The stream's shard this lease is for, open or closed; empty if the stream has no shard of that id. */
    Optional<Shard> shardIn(Stream stream) {
        return stream.shards().stream()
                .filter(shard -> shard.id().toString().equals(shardId))
                .findFirst();
    }

    boolean finished() {
        return SHARD_END.equals(checkpoint);
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        return item.get(name) instanceof AttributeValue.S s ? s.value() : null;
    }

    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value instanceof AttributeValue.SS set) {
            return set.values().stream().sorted().toList();
        }
        return value instanceof AttributeValue.S single ? List.of(single.value()) : List.of();
    }
}
