package dev.runnel.throttling;

import dev.runnel.core.shard.ShardId;
import dev.runnel.settings.RunnelProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The {@link Throttler} of one node: a {@link ShardThrottle} (Bucket4j token buckets in this JVM's memory) per
 * shard, created on first use and timed by the injected clock. When limits are switched off every request
 * passes and no bucket is made. Thread-safe.
 *
 * <p>Nodes that share a store split each shard's limits evenly: each enforces its share of {@code nodes} live nodes.
 * That is exact when a load balancer spreads a shard's clients over the nodes, and gives a client pinned to one node
 * a share of the shard's limits. When the node count changes, every shard starts again with full buckets.
 */
public final class Bucket4jThrottler implements Throttler {

    private final RunnelProperties.Limits limits;
    private final TimeMeter time;
    private final Map<Long, Map<ShardId, ShardThrottle>> shards = new ConcurrentHashMap<>();
    private final IntSupplier nodes;
    private volatile int sharedBy = 1;

    public Bucket4jThrottler(RunnelProperties.Limits limits, InstantSource clock) {
        this(limits, clock, () -> 1);
    }

    /** @param nodes how many live nodes share the limits, at least 1 */
    public Bucket4jThrottler(RunnelProperties.Limits limits, InstantSource clock, IntSupplier nodes) {
        this.limits = limits;
        this.time = new ClockTimeMeter(clock);
        this.nodes = nodes;
    }

    /** Whether {@code runnel.limits} are on. */
    public boolean isEnabled() {
        return limits.enabled();
    }

    @Override
    public boolean tryWrite(long incarnation, ShardId shard, long records, long bytes) {
        return !limits.enabled() || shard(incarnation, shard).tryWrite(records, bytes);
    }

    @Override
    public boolean tryRead(long incarnation, ShardId shard) {
        return !limits.enabled() || shard(incarnation, shard).tryRead();
    }

    @Override
    public void chargeRead(long incarnation, ShardId shard, long bytes) {
        if (limits.enabled()) {
            shard(incarnation, shard).chargeRead(bytes);
        }
    }

    @Override
    public FanOutPacer fanOutPacer() {
        if (!limits.enabled()) {
            return FanOutPacer.NONE;
        }
        long perSecond = limits.readBytesPerSecond().toBytes();
        Bucket bucket = ShardThrottle.bucket(perSecond, perSecond, time);
        return bytes -> {
            if (bytes > 0) {
                bucket.consumeIgnoringRateLimits(bytes);
            }
            long debt = -bucket.getAvailableTokens();
            return debt <= 0 ? 0 : (long) Math.ceil(debt * 1e9 / perSecond);
        };
    }

    @Override
    public void retainOnly(Set<Long> live) {
        shards.keySet().retainAll(live);
    }

    private ShardThrottle shard(long incarnation, ShardId shard) {
        int live = Math.max(1, nodes.getAsInt());
        if (live != sharedBy) {
            sharedBy = live;
            shards.clear();
        }
        return shards.computeIfAbsent(incarnation, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(shard, k -> new ShardThrottle(limits, live, time));
    }
}
