package dev.runnel.records;

import dev.runnel.throttling.ByteBudget;
import java.util.List;
import java.util.Optional;

/**
 * Records read for the console, oldest first, counted in the {@link ReadMemoryBudget} until closed (when the page
 * showing them has been rendered).
 *
 * @param caughtUp whether the read reached the newest record of the shard
 * @param shardEnded whether the shard is closed and every record it holds has been read
 * @param lease the records' share of the read budget
 */
public record RecordsBrowsed(List<RecordView> records, boolean caughtUp, boolean shardEnded, ByteBudget.Lease lease)
        implements AutoCloseable {

    /** Records that hold no share of the read budget. */
    public RecordsBrowsed(List<RecordView> records, boolean caughtUp, boolean shardEnded) {
        this(records, caughtUp, shardEnded, ByteBudget.Lease.NONE);
    }

    /** The sequence number of the last record read, to continue after it; empty when nothing was read. */
    public Optional<String> lastSequenceNumber() {
        return records.isEmpty()
                ? Optional.empty()
                : Optional.of(records.get(records.size() - 1).sequenceNumber().toString());
    }

    /** Gives the records' bytes back to the read budget; idempotent. */
    @Override
    public void close() {
        lease.close();
    }
}
