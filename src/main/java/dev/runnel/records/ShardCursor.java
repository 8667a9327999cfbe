package dev.runnel.records;

import dev.runnel.core.shard.Shard;
import dev.runnel.core.stream.Stream;
import dev.runnel.storage.ShardLog;

/** A checked shard iterator: the live stream and shard it reads, the shard's log and the next position. */
record ShardCursor(Stream stream, Shard shard, ShardLog log, long position) {}
