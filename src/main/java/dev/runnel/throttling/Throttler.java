package dev.runnel.throttling;

import dev.runnel.core.shard.ShardId;
import dev.runnel.settings.RunnelProperties;
import io.github.bucket4j.TimeMeter;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kinesis's per-shard throughput limits (Bucket4j lives only in this package): writes of 1 MiB/s and 1,000
 * records/s, reads of 2 MiB/s and 5 calls/s by default, timed by the injected clock. When limits are
 * switched off every request passes. Thread-safe.
 */
public final class Throttler {

    private final RunnelProperties.Limits limits;
    private final TimeMeter time;
    private final Map<Long, Map<ShardId, ShardThrottle>> shards = new ConcurrentHashMap<>();

    public Throttler(RunnelProperties.Limits limits, InstantSource clock) {
        this.limits = limits;
        this.time = new ClockTimeMeter(clock);
    }

    /** A throttler that lets everything through. */
    public static Throttler unlimited() {
        return new Throttler(RunnelProperties.Limits.OFF, InstantSource.system());
    }

    public boolean isEnabled() {
        return limits.enabled();
    }

    /** Whether the shard takes a write of this many records and bytes now; if so, they are counted. */
    public boolean tryWrite(long incarnation, ShardId shard, long records, long bytes) {
        return !limits.enabled() || shard(incarnation, shard).tryWrite(records, bytes);
    }

    /** Whether the shard serves a GetRecords call now; if so, the call is counted. */
    public boolean tryRead(long incarnation, ShardId shard) {
        return !limits.enabled() || shard(incarnation, shard).tryRead();
    }

    /** Charges the bytes a GetRecords call returned. */
    public void chargeRead(long incarnation, ShardId shard, long bytes) {
        if (limits.enabled()) {
            shard(incarnation, shard).chargeRead(bytes);
        }
    }

    /** Forgets the buckets of every stream incarnation not in {@code live}. */
    public void retainOnly(java.util.Set<Long> live) {
        shards.keySet().retainAll(live);
    }

    private ShardThrottle shard(long incarnation, ShardId shard) {
        return shards.computeIfAbsent(incarnation, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(shard, k -> new ShardThrottle(limits, time));
    }

    /** Bucket4j's time from the clock every other part of Runnel uses, so tests can move it. */
    record ClockTimeMeter(InstantSource clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
