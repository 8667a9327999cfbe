package dev.runnel.insight;

import dev.runnel.core.shard.ShardId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link TrafficMeter} of one node: a {@link ShardTraffic} per shard and a {@link StreamTraffic} per stream
 * in this JVM's memory, created on first use. Thread-safe.
 */
public final class InMemoryTrafficMeter implements TrafficMeter {

    private final Map<Long, Map<ShardId, ShardTraffic>> traffic = new ConcurrentHashMap<>();
    private final Map<Long, StreamTraffic> streams = new ConcurrentHashMap<>();

    @Override
    public StreamTraffic stream(long incarnation) {
        return streams.computeIfAbsent(incarnation, k -> new StreamTraffic());
    }

    @Override
    public ShardTraffic shard(long incarnation, ShardId shard) {
        return traffic.computeIfAbsent(incarnation, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(shard, k -> new ShardTraffic());
    }

    @Override
    public void retainOnly(Set<Long> live) {
        traffic.keySet().retainAll(live);
        streams.keySet().retainAll(live);
    }

    @Override
    public void forget(long incarnation) {
        traffic.remove(incarnation);
        streams.remove(incarnation);
    }

    @Override
    public void forget(long incarnation, ShardId shard) {
        Map<ShardId, ShardTraffic> shards = traffic.get(incarnation);
        if (shards != null) {
            shards.remove(shard);
        }
    }
}
