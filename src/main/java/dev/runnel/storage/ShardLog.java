package dev.runnel.storage;

import dev.runnel.core.record.StoredRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The append-only record log of one shard. Positions start at 0 and grow by one per record; they are never
 * reused, and trimming only moves the start forward.
 *
 * <p>Thread-safety: any number of threads may call every method at once. Appends are serialised inside the
 * log (one writer at a time, so positions follow append order); readers never block on writers and see
 * every record whose append has returned.
 *
 * <p>Arrival times never decrease along the log: an append whose clock reading is older than the previous
 * record's arrival is stamped with that previous arrival. This makes time lookups a binary search.
 *
 * <p>Durability point: when an append returns, its records are as durable as the store promises (the
 * memory store: held in this process's memory, gone when it stops; a disk store: per its fsync policy) and
 * visible to every reader. Nothing is acknowledged before that.
 */
public interface ShardLog {

    /**
     * One record for {@link #appendAll}.
     *
     * @param partitionKey the producer's partition key, at most 32767 UTF-8 bytes
     * @param data the payload; the log copies it
     * @param encrypted whether the stream encrypted it (reads report it back)
     */
    record Append(String partitionKey, byte[] data, boolean encrypted) {}

    /**
     * Appends one record.
     *
     * @param partitionKey the producer's partition key, at most 32767 UTF-8 bytes
     * @param data the payload; the log copies it
     * @param nowMillis the current time, epoch milliseconds
     * @throws dev.runnel.core.error.LimitExceededException when the store's memory budget cannot hold the
     *     record; nothing is appended then
     * @throws dev.runnel.core.error.ResourceNotFoundException when the log has been dropped
     * @throws ShardLogSealedException when the log has been sealed; nothing is appended then
     */
    default AppendResult append(String partitionKey, byte[] data, long nowMillis) {
        return append(partitionKey, data, nowMillis, false);
    }

    /**
     * Appends one record, noting whether the stream encrypted it (reads report it back); otherwise as
     * {@link #append(String, byte[], long)}. By default an {@link #appendAll} of one record.
     */
    default AppendResult append(String partitionKey, byte[] data, long nowMillis, boolean encrypted) {
        return appendAll(List.of(new Append(partitionKey, data, encrypted)), nowMillis)
                .get(0);
    }

    /**
     * Appends records in request order as one unit: one acquisition of the writer lock (and, in a durable
     * store, one sync), so they get consecutive positions with no other writer's records between them. A store
     * that several nodes share (Kafka) keeps the request's order and no other writer of this node between them,
     * but another node's records may come between two of its batches, and each record gets the arrival time the
     * store stamped. When the store's budget cannot hold a record, the records before it stay appended and it and
     * the rest are not: the result is then shorter than the request; likewise when the log was sealed while they
     * were being appended.
     *
     * @param records at least one record
     * @param nowMillis the current time, epoch milliseconds; every record gets the same arrival time
     * @return where each appended record landed, in request order: a prefix of {@code records}
     * @throws dev.runnel.core.error.LimitExceededException when not even the first record fits; nothing is
     *     appended then
     * @throws dev.runnel.core.error.ResourceNotFoundException when the log has been dropped
     * @throws ShardLogSealedException when the log has been sealed; nothing is appended then
     */
    List<AppendResult> appendAll(List<Append> records, long nowMillis);

    /**
     * Waits, without a thread, until the log holds a record at {@code position} or beyond ({@link
     * #endPosition()} greater than {@code position}), or until it can never get one (sealed or dropped below
     * it). Completes at once if that is already so; otherwise on the thread of the append that makes it so,
     * after that append is visible to readers, so dependent actions must be quick or hand off to an executor.
     * Callers bound the wait themselves ({@code orTimeout}) and may cancel the future.
     *
     * @return the end position when the wait ended
     */
    CompletableFuture<Long> awaitEnd(long position);

    /**
     * Stops the log taking appends, when its shard closes. Appends that are under way finish first; later
     * ones fail with {@link ShardLogSealedException}. Idempotent.
     *
     * @return the end position, final from now on
     */
    long seal();

    /**
     * Takes appends again after a {@link #seal()} whose stream change was never published: the recovery rule
     * of a resharding that failed (or crashed) between sealing its shards' logs and the catalog's
     * compare-and-set, so an open shard never keeps a sealed log. Positions continue from the end. Only the
     * resharding that sealed the log, or recovery, calls it, never while another change could publish the
     * seal. A durable store makes the unsealing as durable as the seal. Idempotent; a dropped log stays
     * dropped.
     */
    void unseal();

    /** Whether the log has been sealed (and not unsealed); false once it is dropped. */
    boolean isSealed();

    /** The first position still stored (inclusive); equals {@link #endPosition()} when nothing is stored. */
    long startPosition();

    /** The position the next append will get (exclusive end of the log). */
    long endPosition();

    /**
     * Reads records in position order.
     *
     * @param fromPosition first position wanted (inclusive); positions below the start read from the start
     * @param limit at most this many records, at least 1
     * @param maxBytes stop before the record that would take the data plus partition-key bytes over this;
     *     the first record is returned whatever its size
     * @param minArrivalMillis records that arrived before this epoch-millisecond instant count as trimmed
     *     and are skipped, whether or not their storage has been freed yet
     * @return the records, possibly none; never past {@link #endPosition()} as seen at the call. Their data are
     *     read-only views of the stored bytes, not copies: a caller holds them only while it answers one request,
     *     since a view keeps its stored bytes in memory even after they were trimmed (see {@link
     *     dev.runnel.core.record.RecordData})
     */
    List<StoredRecord> read(long fromPosition, int limit, long maxBytes, long minArrivalMillis);

    /**
     * The first position whose arrival time is at or after {@code arrivalMillis}, epoch milliseconds, among
     * stored records; {@link #endPosition()} when there is none. Binary search, O(log n). The end is taken before
     * the search, so the answer is never past a record appended during the call (which arrived after the time):
     * callers start TRIM_HORIZON and trim with it.
     */
    long positionAtOrAfter(long arrivalMillis);

    /**
     * Frees whole segments of the log all of whose records arrived before {@code arrivalMillis}, epoch
     * milliseconds, and moves the start past them. Records of a partly expired segment stay stored until
     * the whole segment expires (reads skip them through {@code minArrivalMillis}).
     *
     * @return bytes freed
     */
    long trimBefore(long arrivalMillis);

    /** Bytes held by this log, including per-record overhead. */
    long usedBytes();
}
