package dev.runnel.core.stream;

/**
 * How a stream spreads records over its open shards (Kinesis's {@code RecordDistributionStrategy}).
 *
 * <ul>
 *   <li>{@link #USER_PARTITION_KEY}, the default: by the MD5 of the partition key, or the explicit hash key, so
 *       records sharing a key share a shard; producers must give a partition key.
 *   <li>{@link #AUTO}: evenly, ignoring partition keys and explicit hash keys, which producers may then leave
 *       out. Only ON_DEMAND streams may use it.
 * </ul>
 */
public enum RecordDistribution {
    AUTO,
    USER_PARTITION_KEY
}
