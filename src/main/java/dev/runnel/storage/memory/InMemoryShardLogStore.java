package dev.runnel.storage.memory;

import dev.runnel.core.shard.ShardId;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogRegistry;
import dev.runnel.storage.ShardLogStore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The default {@link ShardLogStore}: every shard log lives on the heap, all of them under one
 * {@link MemoryBudget}. Thread-safe.
 */
public final class InMemoryShardLogStore implements ShardLogStore {

    private final MemoryBudget budget;
    private final int segmentBytes;
    private final int segmentRecords;
    private final ShardLogRegistry<InMemoryShardLog> logs = new ShardLogRegistry<>();

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
        return logs.computeIfAbsent(
                incarnation, shard, () -> new InMemoryShardLog(budget, segmentBytes, segmentRecords));
    }

    @Override
    public Optional<ShardLog> find(long incarnation, ShardId shard) {
        return logs.find(incarnation, shard).map(ShardLog.class::cast);
    }

    @Override
    public Map<Long, Set<ShardId>> ids() {
        return logs.ids();
    }

    @Override
    public void drop(long incarnation) {
        logs.removeAll(incarnation).forEach(InMemoryShardLog::dropAll);
    }

    @Override
    public void drop(long incarnation, ShardId shard) {
        logs.remove(incarnation, shard).ifPresent(InMemoryShardLog::dropAll);
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
        logs.ids().keySet().forEach(this::drop);
    }

    @Override
    public long maxBytes() {
        return budget.maxBytes();
    }
}
