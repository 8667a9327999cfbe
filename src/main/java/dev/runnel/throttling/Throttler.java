package dev.runnel.throttling;

import dev.runnel.core.shard.ShardId;
import dev.runnel.settings.RunnelProperties;
import java.time.InstantSource;
import java.util.Set;

/**
 * Kinesis's per-shard throughput limits, asked before every write and read: by default writes of 1 MiB/s and
 * 1,000 records/s and reads of 2 MiB/s and 5 calls/s per shard ({@code runnel.limits}). A shard is named by its
 * stream's incarnation and its id, so a stream made again under an old name starts afresh. When the limits are
 * switched off every call passes.
 *
 * <p>Per-node state: an implementation counts what the node it runs on serves, and a deployment whose nodes
 * must share one budget per shard replaces it. Implementations are thread-safe: request threads call them at
 * once, for the same shard too, and housekeeping prunes them meanwhile.
 */
public interface Throttler {

    /** A throttler that lets everything through. */
    static Throttler unlimited() {
        return new Bucket4jThrottler(RunnelProperties.Limits.OFF, InstantSource.system());
    }

    /**
     * Whether the shard takes a write of this many records and bytes now; if so, both are counted, otherwise
     * neither is.
     */
    boolean tryWrite(long incarnation, ShardId shard, long records, long bytes);

    /**
     * Whether the shard serves a GetRecords call now (its calls are not used up and earlier reads left it no
     * debt); if so, the call is counted. The bytes it returns are charged afterwards by {@link #chargeRead}.
     */
    boolean tryRead(long incarnation, ShardId shard);

    /**
     * Charges the bytes a GetRecords call returned, after the read; a large read may leave the shard in debt,
     * which refuses its reads until the rate has paid it back.
     */
    void chargeRead(long incarnation, ShardId shard, long bytes);

    /** A new pacer for one enhanced fan-out subscription; {@link FanOutPacer#NONE} when limits are off. */
    FanOutPacer fanOutPacer();

    /** Forgets the shards of every stream incarnation not in {@code live}, so deleted streams leave nothing. */
    void retainOnly(Set<Long> live);
}
