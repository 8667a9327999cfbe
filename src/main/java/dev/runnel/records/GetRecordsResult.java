package dev.runnel.records;

import dev.runnel.core.shard.Shard;
import java.util.List;

/**
 * A page of records read through a shard iterator.
 *
 * @param nextShardIterator where to continue; null only when a closed shard has been read to its end
 * @param millisBehindLatest how far the page is behind the newest record of the shard; 0 when caught up
 * @param childShards at the end of a closed shard, the shards that replaced it; empty otherwise
 */
public record GetRecordsResult(
        List<RecordView> records, String nextShardIterator, long millisBehindLatest, List<Shard> childShards) {}
