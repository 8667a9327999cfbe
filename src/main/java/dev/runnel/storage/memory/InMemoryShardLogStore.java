package dev.runnel.storage.memory;

import dev.runnel.core.shard.ShardId;
import dev.runnel.storage.LogIds;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogStore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link ShardLogStore}: every shard log lives on the heap, all of them under one
 * {@link MemoryBudget}. Thread-safe.
 */
public final class InMemoryShardLogStore implements ShardLogStore {

    private final MemoryBudget budget;
    private final int segmentBytes;
    private final int segmentRecords;
    private final Map<Long, Map<ShardId, InMemoryShardLog>> logs = new ConcurrentHashMap<>();

    /**
     * @param maxBytes the memory budget shared by all logs
     * @param segmentBytes the payload bytes a segment holds before a new one starts (larger records get a
     *     segment of their own); retention frees memory in steps of this size
     * @param segmentRecords the records a segment holds before a new one starts
     */
    public InMemoryShardLogStore(long maxBytes, int segmentBytes, int segmentRecords) {
        if (segmentBytes < 1 || segmentRecords < 1) {
            throw new IllegalArgumentException("segments must hold at least one byte and one record");
        }
        this.budget = new MemoryBudget(maxBytes);
        this.segmentBytes = segmentBytes;
        this.segmentRecords = segmentRecords;
    }

    @Override
    public ShardLog create(long incarnation, ShardId shard) {
        return logs.computeIfAbsent(incarnation, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(shard, k -> new InMemoryShardLog(budget, segmentBytes, segmentRecords));
    }

    @Override
    public Optional<ShardLog> find(long incarnation, ShardId shard) {
        Map<ShardId, InMemoryShardLog> shards = logs.get(incarnation);
        return shards == null ? Optional.empty() : Optional.ofNullable(shards.get(shard));
    }

    @Override
    public Map<Long, Set<ShardId>> ids() {
        return LogIds.of(logs);
    }

    @Override
    public void drop(long incarnation) {
        Map<ShardId, InMemoryShardLog> shards = logs.remove(incarnation);
        if (shards != null) {
            shards.values().forEach(InMemoryShardLog::dropAll);
        }
    }

    @Override
    public void drop(long incarnation, ShardId shard) {
        Map<ShardId, InMemoryShardLog> shards = logs.get(incarnation);
        InMemoryShardLog log = shards == null ? null : shards.remove(shard);
        if (log != null) {
            log.dropAll();
        }
    }

    @Override
    public long usedBytes() {
        return budget.usedBytes();
    }

    /** Nothing to do: records live in this process's memory only. */
    @Override
    public void flush() {}

    /** Drops every log and frees its memory. */
    @Override
    public void close() {
        logs.keySet().forEach(this::drop);
    }

    @Override
    public long maxBytes() {
        return budget.maxBytes();
    }
}
