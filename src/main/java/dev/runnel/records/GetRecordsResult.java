package dev.runnel.records;

import dev.runnel.core.shard.Shard;
import dev.runnel.throttling.ByteBudget;
import java.util.List;

/**
 * A page of records read through a shard iterator. Its records are views of the stored bytes, counted in the
 * {@link ReadMemoryBudget} until the page is closed: the edge that writes the page closes it once the answer has
 * been written (or has failed).
 *
 * @param nextShardIterator where to continue; null only when a closed shard has been read to its end
 * @param millisBehindLatest how far the page is behind the newest record of the shard; 0 when caught up
 * @param childShards at the end of a closed shard, the shards that replaced it; empty otherwise
 * @param lease the page's share of the read budget
 */
public record GetRecordsResult(
        List<RecordView> records,
        String nextShardIterator,
        long millisBehindLatest,
        List<Shard> childShards,
        ByteBudget.Lease lease)
        implements AutoCloseable {

    /** A page that holds no share of the read budget. */
    public GetRecordsResult(
            List<RecordView> records, String nextShardIterator, long millisBehindLatest, List<Shard> childShards) {
        this(records, nextShardIterator, millisBehindLatest, childShards, ByteBudget.Lease.NONE);
    }

    /** Gives the page's bytes back to the read budget; idempotent. */
    @Override
    public void close() {
        lease.close();
    }
}
