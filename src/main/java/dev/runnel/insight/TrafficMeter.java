package dev.runnel.insight;

import dev.runnel.core.shard.ShardId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ShardTraffic} of every shard, by stream incarnation and shard. Throttling, hot-shard detection
 * and ON_DEMAND scaling all read these same windows. Thread-safe.
 */
public final class TrafficMeter {

    private final Map<Long, Map<ShardId, ShardTraffic>> traffic = new ConcurrentHashMap<>();
    private final Map<Long, StreamTraffic> streams = new ConcurrentHashMap<>();

    /** The stream's call counts, created empty on first use. */
    public StreamTraffic stream(long incarnation) {
        return streams.computeIfAbsent(incarnation, k -> new StreamTraffic());
    }

    /** The shard's traffic, created empty on first use. */
    public ShardTraffic shard(long incarnation, ShardId shard) {
        return traffic.computeIfAbsent(incarnation, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(shard, k -> new ShardTraffic());
    }

    /** Forgets the traffic of every stream incarnation not in {@code live}. */
    public void retainOnly(java.util.Set<Long> live) {
        traffic.keySet().retainAll(live);
        streams.keySet().retainAll(live);
    }

    /** Forgets a stream's traffic when the stream is gone. */
    public void forget(long incarnation) {
        traffic.remove(incarnation);
        streams.remove(incarnation);
    }

    /** Forgets one shard's traffic when the shard is gone. */
    public void forget(long incarnation, ShardId shard) {
        Map<ShardId, ShardTraffic> shards = traffic.get(incarnation);
        if (shards != null) {
            shards.remove(shard);
        }
    }
}
