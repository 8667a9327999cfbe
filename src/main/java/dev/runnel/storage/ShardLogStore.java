package dev.runnel.storage;

import dev.runnel.core.shard.ShardId;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Holds one append-only {@link ShardLog} per shard, keyed by stream incarnation and shard id, so that a
 * re-created stream of the same name never sees its predecessor's records. Thread-safe.
 *
 * <p>Lifecycle: a store is usable from construction (a durable store recovers its logs there) until {@link
 * #close()}; calls after that are undefined.
 */
public interface ShardLogStore extends AutoCloseable {

    /**
     * Creates the shard's log, empty, when a shard is born (or returns the one that exists). Only stream
     * lifecycle code calls this; everything else uses {@link #find}, so a log dropped with its stream is never
     * brought back by a late writer.
     */
    ShardLog create(long incarnation, ShardId shard);

    /**
     * Creates the logs of a new stream's shards at once, as {@link #create} does one by one (a store that pays a
     * round trip per creation, such as Kafka's, makes them in one).
     */
    default void createAll(long incarnation, Collection<ShardId> shards) {
        shards.forEach(shard -> create(incarnation, shard));
    }

    /**
     * Tells the store how long the stream keeps records, so a store that expires records on its own (Kafka's
     * {@code retention.ms}) can do so even when no Runnel runs; records older than that are still trimmed through
     * {@link ShardLog#trimBefore}. Housekeeping calls it for every stream on every run, so it must be cheap when
     * nothing changed. The memory and file stores have nothing to do.
     */
    default void retain(long incarnation, Duration retention) {}

    /** The shard's log if it was created and not dropped. */
    Optional<ShardLog> find(long incarnation, ShardId shard);

    /**
     * Drops every log of the incarnation and frees its storage. Appends that race with the drop fail with
     * ResourceNotFoundException. Idempotent.
     */
    void drop(long incarnation);

    /** Drops one shard's log and frees its storage (an expired closed shard). Idempotent. */
    void drop(long incarnation, ShardId shard);

    /** The shards of every log held, by incarnation: a snapshot. */
    Map<Long, Set<ShardId>> ids();

    /** Bytes currently held by all logs, including per-record overhead. */
    long usedBytes();

    /** The most bytes the store will hold before appends fail. */
    long maxBytes();

    /**
     * Makes every append that has returned as durable as the store can make it (a durable store syncs its
     * files whatever its sync policy; the memory store has nothing to do). Idempotent.
     */
    void flush();

    /** Flushes, then releases what the store holds (memory, files, connections). Idempotent. */
    @Override
    void close();
}
