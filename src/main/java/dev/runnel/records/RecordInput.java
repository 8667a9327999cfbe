package dev.runnel.records;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.hash.HashKey;
import dev.runnel.core.record.RecordSize;

/**
 * One record a producer sends: the part PutRecord and PutRecords entries share. Checks the service-model
 * constraints; semantic checks (hash-key range, record size against the stream) happen in
 * {@link RecordService}.
 *
 * @param partitionKey 1 to 256 characters; null when left out, which only streams with the AUTO record
 *     distribution allow (see {@link RecordRouting}); empty once stored without one
 * @param data 0 to 10 MiB
 * @param explicitHashKey a decimal hash key overriding the partition key's, or null
 */
public record RecordInput(String partitionKey, byte[] data, String explicitHashKey) {

    /** The largest Data blob the service model allows. */
    public static final int MAX_DATA_BYTES = 10 * 1024 * 1024;

    /** Adds this record's violations, with member paths under {@code prefix} (empty or {@code records.3.}). */
    public void check(Constraints check, String prefix) {
        if (plainlyValid()) {
            return;
        }
        check.length(prefix + "partitionKey", partitionKey, 1, 256);
        if (check.required(prefix + "data", data)) {
            check.size(
                    prefix + "data",
                    "java.nio.HeapByteBuffer[pos=0 lim=" + data.length + " cap=" + data.length + "]",
                    data.length,
                    0,
                    MAX_DATA_BYTES);
        }
        check.pattern(prefix + "explicitHashKey", explicitHashKey, HashKey.WIRE_PATTERN);
    }

    /**
     * A quick test that passes only records the checks below would pass too (a key of 1 to 256 UTF-16 units has
     * 1 to 256 code points), so that a PutRecords of 500 valid records builds none of their member paths.
     */
    private boolean plainlyValid() {
        return partitionKey != null
                && !partitionKey.isEmpty()
                && partitionKey.length() <= 256
                && data != null
                && data.length <= MAX_DATA_BYTES
                && explicitHashKey == null;
    }

    /** Data plus partition-key bytes, the size Kinesis limits. */
    int sizeBytes() {
        return RecordSize.of(partitionKey == null ? "" : partitionKey, data.length);
    }
}
