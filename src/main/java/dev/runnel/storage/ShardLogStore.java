package dev.runnel.storage;

import dev.runnel.core.shard.ShardId;
import java.util.Optional;

/**
 * Holds one append-only {@link ShardLog} per shard, keyed by stream incarnation and shard id, so that a
 * re-created stream of the same name never sees its predecessor's records. Thread-safe.
 */
public interface ShardLogStore {

    /** The shard's log, created empty on first use. */
    ShardLog open(long incarnation, ShardId shard);

    /** The shard's log if it was ever opened and not dropped. */
    Optional<ShardLog> find(long incarnation, ShardId shard);

    /** Drops every log of the incarnation and frees its storage. Idempotent. */
    void drop(long incarnation);

    /** Bytes currently held by all logs, including per-record overhead. */
    long usedBytes();

    /** The most bytes the store will hold before appends fail. */
    long maxBytes();
}
