package dev.runnel.records;

import dev.runnel.throttling.ByteBudget;
import java.time.Duration;

/**
 * The bytes of records that reads in flight may hold at once ({@code runnel.storage.max-read-bytes}), so that
 * concurrent large reads cannot exhaust the heap, with throughput limits on or off. Every read of a shard log on
 * behalf of a client takes a lease on the data plus partition-key bytes of the records it got before it answers,
 * and closes the lease once its answer has been written: GetRecords (AWS JSON and CBOR, REST) and the console's
 * pages wait up to the budget's wait for room and are then refused with ProvisionedThroughputExceededException;
 * each SubscribeToShard event takes its lease without waiting, and is read again a moment later when there is no
 * room. Records are read as views of the stored bytes, so what a read itself costs is encoding its answer (Base64,
 * event frames, the console's previews) and the stored bytes it keeps alive after retention freed them; both grow
 * with the bytes this budget counts.
 *
 * <p>A read of more bytes than the whole budget (one 10 MiB record under a smaller budget) goes when no other read
 * holds any. Thread-safe; see {@link ByteBudget}.
 */
public final class ReadMemoryBudget extends ByteBudget {

    /**
     * @param maxBytes the most record bytes open reads hold together; positive
     * @param maxWait how long a GetRecords or console read waits for room before it is refused; not negative
     */
    public ReadMemoryBudget(long maxBytes, Duration maxWait) {
        super(maxBytes, maxWait);
    }

    /** A budget no read ever waits for (tests and tools). */
    public static ReadMemoryBudget unlimited() {
        return new ReadMemoryBudget(Long.MAX_VALUE, Duration.ZERO);
    }
}
