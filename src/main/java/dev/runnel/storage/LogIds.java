package dev.runnel.storage;

import dev.runnel.core.shard.ShardId;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@link ShardLogStore#ids()} for the adapters that keep their logs in a map of maps, as both do. */
public final class LogIds {

    private LogIds() {}

    /** A snapshot of the shard ids under each incarnation; incarnations without logs are left out. */
    public static Map<Long, Set<ShardId>> of(Map<Long, ? extends Map<ShardId, ?>> logs) {
        Map<Long, Set<ShardId>> ids = new TreeMap<>();
        logs.forEach((incarnation, shards) -> {
            Set<ShardId> copy = Set.copyOf(shards.keySet());
            if (!copy.isEmpty()) {
                ids.put(incarnation, copy);
            }
        });
        return ids;
    }
}
