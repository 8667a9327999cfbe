package dev.runnel.core.record;

/**
 * A record as a shard log holds it.
 *
 * @param position the record's position in its shard log (0 for the first record ever written)
 * @param arrivalMillis when the record was appended, epoch milliseconds; never decreases along a shard
 * @param partitionKey the partition key the producer gave
 * @param data the payload, a read-only view of the log's bytes (see {@link RecordData} for what holding it costs)
 * @param encrypted whether the stream had server-side encryption on when the record was written
 */
public record StoredRecord(long position, long arrivalMillis, String partitionKey, RecordData data, boolean encrypted) {

    /** A record written without server-side encryption, holding a copy of {@code data}. */
    public StoredRecord(long position, long arrivalMillis, String partitionKey, byte[] data) {
        this(position, arrivalMillis, partitionKey, RecordData.copyOf(data), false);
    }

    /** Data plus partition-key UTF-8 bytes: the size Kinesis counts (see {@link RecordSize}). */
    public int sizeBytes() {
        return RecordSize.of(partitionKey, data.length());
    }
}
