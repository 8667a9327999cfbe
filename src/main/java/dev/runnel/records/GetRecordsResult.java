package dev.runnel.records;

import java.util.List;

/**
 * A page of records read through a shard iterator.
 *
 * @param nextShardIterator where to continue; null only when a closed shard has been read to its end
 * @param millisBehindLatest how far the page is behind the newest record of the shard; 0 when caught up
 */
public record GetRecordsResult(List<RecordView> records, String nextShardIterator, long millisBehindLatest) {
}
