package dev.runnel.records;

import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.StreamName;

/**
 * What a shard iterator carries.
 *
 * @param stream the stream's name
 * @param incarnation which stream of that name
 * @param shard the shard read
 * @param position the next log position to read
 * @param issuedAtMillis when the iterator was issued, epoch milliseconds
 */
public record ShardIteratorToken(
        StreamName stream, long incarnation, ShardId shard, long position, long issuedAtMillis) {}
