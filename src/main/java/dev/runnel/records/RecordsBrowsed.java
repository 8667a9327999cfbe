package dev.runnel.records;

import java.util.List;
import java.util.Optional;

/**
 * Records read for the console, oldest first.
 *
 * @param caughtUp whether the read reached the newest record of the shard
 * @param shardEnded whether the shard is closed and every record it holds has been read
 */
public record RecordsBrowsed(List<RecordView> records, boolean caughtUp, boolean shardEnded) {

    /** The sequence number of the last record read, to continue after it; empty when nothing was read. */
    public Optional<String> lastSequenceNumber() {
        return records.isEmpty()
                ? Optional.empty()
                : Optional.of(records.get(records.size() - 1).sequenceNumber().toString());
    }
}
