package dev.runnel.core.stream;

import dev.runnel.core.shard.ShardCapacity;

/**
 * The warm throughput of an ON_DEMAND stream: write capacity, in MiB/s, kept ready whatever the traffic. At
 * {@link ShardCapacity#WRITE_BYTES_PER_SECOND} a shard, it sets the fewest open shards the stream may have.
 * Stateless.
 */
public final class WarmThroughput {

    /** The most warm throughput Kinesis grants a stream by default: 10 GiB/s. */
    public static final int MAX_MIBPS = 10 * 1024;

    private static final long MIB = 1024 * 1024;

    private WarmThroughput() {}

    /** The open shards that absorb {@code mibps} MiB/s of writes: at least 0, rounded up. */
    public static int shardsFor(int mibps) {
        long bytes = Math.max(0, mibps) * MIB;
        return (int) ((bytes + ShardCapacity.WRITE_BYTES_PER_SECOND - 1) / ShardCapacity.WRITE_BYTES_PER_SECOND);
    }

    /** The writes, in MiB/s, that {@code shards} open shards absorb. */
    public static int mibpsOf(int shards) {
        return (int) (shards * ShardCapacity.WRITE_BYTES_PER_SECOND / MIB);
    }
}
