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
        long bytesPerSecond = limits.writeBytesPerSecond().toBytes();
        this.writeBytes = bucket(limits.writeBurstBytes().toBytes(), bytesPerSecond, time);
        this.writeRecords = bucket(limits.writeRecordsPerSecond(), limits.writeRecordsPerSecond(), time);
        long readPerSecond = limits.readBytesPerSecond().toBytes();
        this.readBytes = bucket(readPerSecond, readPerSecond, time);
        this.readCalls = bucket(limits.readCallsPerSecond(), limits.readCallsPerSecond(), time);
    }

    static Bucket bucket(long capacity, long perSecond, TimeMeter time) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(perSecond, SECOND))
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
