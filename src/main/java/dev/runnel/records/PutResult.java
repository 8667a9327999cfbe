package dev.runnel.records;

import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.shard.ShardId;

/**
 * Where a record was stored.
 *
 * @param encrypted whether it was stored encrypted (the stream's encryption when it was appended)
 */
public record PutResult(ShardId shardId, SequenceNumber sequenceNumber, boolean encrypted) {}
