package dev.runnel.storage.kafka;

import dev.runnel.core.error.ServiceUnavailableException;
import dev.runnel.core.record.StoredRecord;
import dev.runnel.storage.AppendResult;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogSealedException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * A shard log that is one partition of its stream incarnation's Kafka topic: positions are offsets, records are
 * encoded as {@link LogRecords} says. Several nodes may hold the same log at once; what they must agree on that Kafka
 * cannot say (sealed, hidden offsets, dropped) is in {@link ShardLogStates}, following its seal protocol.
 *
 * <p><b>Arrival times</b> are the broker's log-append times: the caller's {@code nowMillis} is ignored. They never
 * decrease along the partition (its leader stamps them in offset order); a batch sent in several requests may get
 * several. <b>Appends</b> go through the store's idempotent {@code acks=all} producer, a batch under a per-log lock:
 * its records keep request order and no other append of this node falls between them, but (unlike the one-process
 * stores) another node's may, when the batch takes several produce requests. An append returns once Kafka acknowledged
 * its records and the seal check admitted them (the admitted prefix). A record the seal refused is never visible.
 *
 * <p><b>Reads</b> stop at the end seen at the call: the high-water mark, read first, capped by the sealed end of a
 * fresh state. {@link #usedBytes()} and {@link #trimBefore} answer 0: Kafka does not tell a partition's bytes cheaply
 * ({@link KafkaShardLogStore#usedBytes()} sums the brokers' log directories).
 *
 * <p>Thread-safe. A call that reaches Kafka waits at most the request timeout, then throws {@link
 * ServiceUnavailableException}; calls on a dropped log (or a deleted topic) throw ResourceNotFoundException.
 */
final class KafkaShardLog implements ShardLog {

    private final LogContext context;
    private final long incarnation;
    private final int shard;
    private final TopicPartition partition;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final AtomicInteger appending = new AtomicInteger();
    /** The end this node knows the log reached: its own acknowledged appends and the end poller's readings. */
    private final AtomicLong knownEnd = new AtomicLong();

    private final LogWaiters waiters = new LogWaiters();

    KafkaShardLog(LogContext context, long incarnation, int shard, TopicPartition partition) {
        this.context = context;
        this.incarnation = incarnation;
        this.shard = shard;
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    /** {@inheritDoc} {@code nowMillis} is ignored: the broker stamps arrival times (see the class comment). */
    @Override
    public List<AppendResult> appendAll(List<Append> records, long nowMillis) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("appendAll needs at least one record");
        }
        ShardLogStates.State before = context.states().current(incarnation, shard);
        if (before.dropped()) {
            throw LogRecords.notFound();
        }
        if (before.sealing()) {
            throw new ShardLogSealedException();
        }
        appending.incrementAndGet(); // until its waiters are woken: the end poller leaves them to this append
        try {
            List<RecordMetadata> acknowledged =
                    PartitionAppends.sendAndAwait(context, partition, sendLock, records, this::gone);
            List<AppendResult> admitted = admit(acknowledged);
            observeEnd(admitted.get(admitted.size() - 1).position() + 1);
            return admitted;
        } finally {
            appending.decrementAndGet();
        }
    }

    /** The seal check: the longest prefix of acknowledged records the log's fresh state admits. */
    private List<AppendResult> admit(List<RecordMetadata> acknowledged) {
        ShardLogStates.State state = settledState(context.states().fresh(incarnation, shard));
        if (state.dropped()) {
            throw LogRecords.notFound();
        }
        return PartitionAppends.admitted(state, acknowledged);
    }

    /** {@code state}, or when it is sealing without a known end, the state after completing that seal. */
    private ShardLogStates.State settledState(ShardLogStates.State state) {
        if (state.sealing() && state.sealedEnd() < 0 && !state.dropped()) {
            context.states().seal(incarnation, shard, this::highWaterMark);
            return context.states().fresh(incarnation, shard);
        }
        return state;
    }

    private boolean dropped() {
        return context.states().current(incarnation, shard).dropped();
    }

    /** Whether the log is dropped or its partition gone (a topic deleted behind the store's back). */
    private boolean gone() {
        return dropped() || context.admin().partitions(incarnation) <= shard;
    }

    private long highWaterMark() {
        return context.admin().latest(partition);
    }

    /** The state readers go by and the end they stop at (exclusive). */
    private record Readable(ShardLogStates.State state, long end) {}

    /**
     * Reads the high-water mark, then the fresh state: if it is still open then, no seal was decided before the mark
     * was read, so every record below the mark is below any later sealed end. Remembers the end for {@link #awaitEnd}.
     */
    private Readable readable() {
        if (dropped()) {
            throw LogRecords.notFound();
        }
        long mark = highWaterMark();
        ShardLogStates.State state = settledState(context.states().fresh(incarnation, shard));
        if (state.dropped()) {
            throw LogRecords.notFound();
        }
        long end = state.isSealed() ? Math.min(mark, state.sealedEnd()) : mark;
        observeEnd(end);
        return new Readable(state, end);
    }

    /**
     * {@inheritDoc} "At once" as far as this node knows the end (its own appends and reads); a record another node
     * appended ends the wait through the store's end poller, about {@link LogEndPoller#INTERVAL_MILLIS} ms later.
     */
    @Override
    public CompletableFuture<Long> awaitEnd(long position) {
        ShardLogStates.State state = context.states().current(incarnation, shard);
        if (state.isSealed() || state.dropped()) {
            return CompletableFuture.completedFuture(state.isSealed() ? state.sealedEnd() : knownEnd.get());
        }
        if (knownEnd.get() > position) {
            return CompletableFuture.completedFuture(knownEnd.get());
        }
        CompletableFuture<Long> wait = waiters.add(position);
        context.poller().watch(this);
        if (!wakeIfClosed()) {
            observeEnd(knownEnd.get()); // an append, seal or drop that came between the checks and the add
        }
        return wait;
    }

    boolean hasWaiters() {
        return !waiters.isEmpty();
    }

    boolean isAppendingHere() {
        return appending.get() > 0;
    }

    /** Records that the log reached {@code end} and wakes the waiters below it. */
    void observeEnd(long end) {
        long known = knownEnd.accumulateAndGet(end, Math::max);
        waiters.wake(known, false);
    }

    /** Ends every wait with the end known here: the store is closing. */
    void endWaits() {
        waiters.wake(knownEnd.get(), true);
    }

    /** Ends every wait if the log is sealed or dropped (perhaps by another node). @return whether it was */
    boolean wakeIfClosed() {
        ShardLogStates.State state = context.states().current(incarnation, shard);
        if (state.isSealed() || state.dropped()) {
            waiters.wake(state.isSealed() ? state.sealedEnd() : knownEnd.get(), true);
            return true;
        }
        return false;
    }

    @Override
    public long seal() {
        if (dropped()) {
            throw LogRecords.notFound();
        }
        long end = context.states().seal(incarnation, shard, this::highWaterMark);
        waiters.wake(end, true);
        return end;
    }

    @Override
    public void unseal() {
        context.states().unseal(incarnation, shard, this::highWaterMark);
    }

    /** {@inheritDoc} A log that is sealing (decided, end not yet known) counts as sealed. */
    @Override
    public boolean isSealed() {
        ShardLogStates.State state = context.states().current(incarnation, shard);
        return state.sealing() && !state.dropped();
    }

    @Override
    public long startPosition() {
        long start = context.admin().earliest(partition);
        return Math.min(start, endPosition());
    }

    /** {@inheritDoc} The sealed end when sealed, else a fresh high-water mark (no cache). */
    @Override
    public long endPosition() {
        return readable().end();
    }

    @Override
    public List<StoredRecord> read(long fromPosition, int limit, long maxBytes, long minArrivalMillis) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        Readable readable = readable();
        long end = readable.end();
        long from = Math.max(0, fromPosition);
        if (from >= end) {
            return List.of();
        }
        LogCursors.Cursor cursor;
        try {
            cursor = context.cursors().take(partition, from);
        } catch (KafkaException e) {
            throw KafkaClients.unavailable("reading " + partition, e);
        }
        try {
            long deadline =
                    System.nanoTime() + context.clients().requestTimeout().toNanos();
            List<StoredRecord> records = PartitionReads.read(
                    cursor,
                    end,
                    limit,
                    maxBytes,
                    minArrivalMillis,
                    readable.state()::admits,
                    this::positionAtOrAfter,
                    deadline);
            context.cursors().give(cursor);
            return records;
        } catch (RuntimeException e) {
            context.cursors().discard(cursor);
            throw e instanceof KafkaException ? KafkaClients.unavailable("reading " + partition, e) : e;
        }
    }

    /**
     * {@inheritDoc} By Kafka's time index ({@code offsetsForTimes}), capped by the end read <em>before</em> the
     * lookup. When the lookup finds nothing, every record below that end arrived before {@code arrivalMillis}; a
     * record appended since may not have, and an end read after the lookup would step over it (TRIM_HORIZON past it,
     * {@link #trimBefore} deleting it).
     */
    @Override
    public long positionAtOrAfter(long arrivalMillis) {
        long end = endPosition();
        return context.admin()
                .offsetForTime(partition, arrivalMillis)
                .map(offset -> Math.min(offset, end))
                .orElse(end);
    }

    /**
     * {@inheritDoc} Deletes the partition's records below {@link #positionAtOrAfter}{@code (arrivalMillis)}: Kafka
     * deletes whole segments later on its own, so the start moves at once but the bytes go later.
     *
     * @return 0: Kafka does not say what the deletion frees
     */
    @Override
    public long trimBefore(long arrivalMillis) {
        long to = positionAtOrAfter(arrivalMillis);
        if (to > context.admin().earliest(partition)) {
            context.admin().deleteBefore(partition, to);
        }
        return 0;
    }

    /** {@inheritDoc} 0: see the class comment. */
    @Override
    public long usedBytes() {
        return 0;
    }
}
