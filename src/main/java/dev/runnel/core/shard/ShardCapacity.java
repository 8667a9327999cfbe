package dev.runnel.core.shard;

/** The throughput one Kinesis shard offers; throttling, advice and ON_DEMAND scaling measure against it. */
public final class ShardCapacity {

    /** Data plus partition-key bytes a shard takes per second. */
    public static final long WRITE_BYTES_PER_SECOND = 1024 * 1024;
    /** Records a shard takes per second. */
    public static final long WRITE_RECORDS_PER_SECOND = 1000;
    /** Bytes a shard serves per second, shared by its polling readers. */
    public static final long READ_BYTES_PER_SECOND = 2 * 1024 * 1024;
    /** GetRecords calls a shard serves per second. */
    public static final long READ_CALLS_PER_SECOND = 5;

    private ShardCapacity() {}
}
