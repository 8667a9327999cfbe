package dev.runnel.insight;

import dev.runnel.core.shard.ShardId;
import java.util.Set;

/**
 * The {@link ShardTraffic} of every shard and the {@link StreamTraffic} of every stream, by stream incarnation
 * (so a stream made again under an old name starts afresh) and shard. Writes and reads record into them,
 * refused ones too; hot-shard advice, ON_DEMAND scaling and the metrics all read these same windows.
 *
 * <p>Per-node state: an implementation holds the traffic the node it runs on serves, and a deployment whose
 * nodes must see one another's traffic replaces it. Implementations are thread-safe: request threads record
 * at once, for the same shard too, while readers and housekeeping run.
 */
public interface TrafficMeter {

    /** The stream's call counts, created empty on first use; the same object on every call until forgotten. */
    StreamTraffic stream(long incarnation);

    /** The shard's traffic, created empty on first use; the same object on every call until forgotten. */
    ShardTraffic shard(long incarnation, ShardId shard);

    /** Forgets the traffic of every stream incarnation not in {@code live}, so deleted streams leave nothing. */
    void retainOnly(Set<Long> live);

    /** Forgets a stream's traffic when the stream is gone. */
    void forget(long incarnation);

    /** Forgets one shard's traffic when the shard is gone. */
    void forget(long incarnation, ShardId shard);
}
