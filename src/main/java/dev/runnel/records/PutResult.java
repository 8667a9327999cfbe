package dev.runnel.records;

import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.shard.ShardId;

/** Where a record was stored. */
public record PutResult(ShardId shardId, SequenceNumber sequenceNumber) {}
