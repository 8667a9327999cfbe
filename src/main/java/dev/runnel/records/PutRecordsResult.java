package dev.runnel.records;

import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.shard.ShardId;
import java.util.List;

/**
 * The outcome of PutRecords: one entry per request record, in request order.
 *
 * @param failedRecordCount how many entries failed; 0 when all succeeded
 * @param encrypted whether the stream encrypted the records (its encryption when the request was taken)
 */
public record PutRecordsResult(int failedRecordCount, List<Entry> entries, boolean encrypted) {

    /** Either a stored record (shard and sequence number) or a failure (error code and message). */
    public record Entry(ShardId shardId, SequenceNumber sequenceNumber, String errorCode, String errorMessage) {

        static Entry stored(PutResult result) {
            return new Entry(result.shardId(), result.sequenceNumber(), null, null);
        }

        static Entry failed(String errorCode, String errorMessage) {
            return new Entry(null, null, errorCode, errorMessage);
        }

        public boolean isFailure() {
            return errorCode != null;
        }
    }
}
