package dev.runnel.records;

import java.util.List;

/**
 * Records read for the console, oldest first.
 *
 * @param caughtUp whether the read reached the newest record of the shard
 * @param shardEnded whether the shard is closed and every record it holds has been read
 */
public record RecordsBrowsed(List<RecordView> records, boolean caughtUp, boolean shardEnded) {

    /** The sequence number of the last record read, to continue after it; empty when nothing was read. */
    public java.util.Optional<String> lastSequenceNumber() {
        return records.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(records.get(records.size() - 1).sequenceNumber().toString());
    }
}
