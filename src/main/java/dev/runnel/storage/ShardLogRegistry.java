package dev.runnel.storage;

import dev.runnel.core.shard.ShardId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The logs a {@link ShardLogStore} holds, by incarnation and shard: the bookkeeping every adapter shares, so each
 * adapter only says how a log is made and how it is let go. Thread-safe.
 *
 * @param <L> the adapter's log type
 */
public final class ShardLogRegistry<L extends ShardLog> {

    private final Map<Long, Map<ShardId, L>> logs = new ConcurrentHashMap<>();

    /** The shard's log, made by {@code make} (once, however many threads ask) when there is none. */
    public L computeIfAbsent(long incarnation, ShardId shard, Supplier<L> make) {
        return logs.computeIfAbsent(incarnation, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(shard, k -> make.get());
    }

    /** The shard's log, if held. */
    public Optional<L> find(long incarnation, ShardId shard) {
        Map<ShardId, L> shards = logs.get(incarnation);
        return shards == null ? Optional.empty() : Optional.ofNullable(shards.get(shard));
    }

    /** {@link ShardLogStore#ids()}: a snapshot; incarnations without logs are left out. */
    public Map<Long, Set<ShardId>> ids() {
        Map<Long, Set<ShardId>> ids = new TreeMap<>();
        logs.forEach((incarnation, shards) -> {
            Set<ShardId> copy = Set.copyOf(shards.keySet());
            if (!copy.isEmpty()) {
                ids.put(incarnation, copy);
            }
        });
        return ids;
    }

    /** Stops holding the incarnation's logs. @return them, none if there were none */
    public List<L> removeAll(long incarnation) {
        Map<ShardId, L> shards = logs.remove(incarnation);
        return shards == null ? List.of() : List.copyOf(shards.values());
    }

    /** Stops holding the shard's log. @return it, if it was held */
    public Optional<L> remove(long incarnation, ShardId shard) {
        Map<ShardId, L> shards = logs.get(incarnation);
        return shards == null ? Optional.empty() : Optional.ofNullable(shards.remove(shard));
    }

    /** Every log held: a snapshot. */
    public List<L> all() {
        List<L> all = new ArrayList<>();
        logs.values().forEach(shards -> all.addAll(shards.values()));
        return all;
    }
}
