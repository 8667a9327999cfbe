package dev.runnel.throttling;

import dev.runnel.settings.RunnelProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * The four token buckets of one shard: written bytes, written records, read bytes and read calls. A bucket
 * charges every bandwidth the same number of tokens, so each dimension has its own bucket; a write takes
 * from both write buckets or from neither. Thread-safe (Bucket4j's local buckets are).
 */
final class ShardThrottle {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final Bucket writeBytes;
    private final Bucket writeRecords;
    private final Bucket readBytes;
    private final Bucket readCalls;

    ShardThrottle(RunnelProperties.Limits limits, TimeMeter time) {
        this(limits, 1, time);
    }

    /**
     * The share of one of {@code nodes} nodes that split the shard's limits evenly: each bucket refills at the
     * rate divided by {@code nodes} (its period multiplied, so no rate is rounded) and holds that share of its
     * capacity, except the write-bytes burst, which stays whole so a record of the largest size still fits.
     */
    ShardThrottle(RunnelProperties.Limits limits, int nodes, TimeMeter time) {
        Duration period = SECOND.multipliedBy(nodes);
        long bytesPerSecond = limits.writeBytesPerSecond().toBytes();
        this.writeBytes = bucket(limits.writeBurstBytes().toBytes(), bytesPerSecond, period, time);
        long records = limits.writeRecordsPerSecond();
        this.writeRecords = bucket(Math.max(1, records / nodes), records, period, time);
        long readPerSecond = limits.readBytesPerSecond().toBytes();
        this.readBytes = bucket(Math.max(1, readPerSecond / nodes), readPerSecond, period, time);
        long calls = limits.readCallsPerSecond();
        this.readCalls = bucket(Math.max(1, calls / nodes), calls, period, time);
    }

    static Bucket bucket(long capacity, long perSecond, TimeMeter time) {
        return bucket(capacity, perSecond, SECOND, time);
    }

    private static Bucket bucket(long capacity, long tokens, Duration period, TimeMeter time) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(tokens, period))
                .withCustomTimePrecision(time)
                .build();
    }

    /** Takes one write of {@code records} records and {@code bytes} bytes, or nothing when either is short. */
    boolean tryWrite(long records, long bytes) {
        if (!writeRecords.tryConsume(records)) {
            return false;
        }
        if (!writeBytes.tryConsume(bytes)) {
            writeRecords.addTokens(records);
            return false;
        }
        return true;
    }

    /** Takes one GetRecords call, unless the calls are used up or earlier reads left the shard in debt. */
    boolean tryRead() {
        return readBytes.getAvailableTokens() > 0 && readCalls.tryConsume(1);
    }

    /** Charges what a read returned, after the read; a large read leaves the shard in debt. */
    void chargeRead(long bytes) {
        if (bytes > 0) {
            readBytes.consumeIgnoringRateLimits(bytes);
        }
    }
}
