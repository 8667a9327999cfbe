package dev.runnel.storage.memory;

import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.record.StoredRecord;
import dev.runnel.storage.AppendResult;
import dev.runnel.storage.AppendWaiters;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogSealedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A shard log kept in memory as a list of {@link Segment}s, like Kafka's log: the segment list is
 * copy-on-write (it changes once per segment, not per record), so a reader takes one snapshot and seeks by
 * position or by arrival time with binary searches. Retention drops whole segments from the head.
 *
 * <p>Appends and trims take the log's own lock (one writer at a time); reads take no lock. See
 * {@link ShardLog} for the contract.
 */
final class InMemoryShardLog implements ShardLog {

    private static final Segment[] NO_SEGMENTS = new Segment[0];
    /** Rough object overhead of a segment and its columns record, for accounting. */
    private static final long SEGMENT_OVERHEAD = 96;

    private final MemoryBudget budget;
    private final int segmentBytes;
    private final int segmentRecords;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AppendWaiters waiters = new AppendWaiters();

    private volatile Segment[] segments = NO_SEGMENTS;
    private volatile long endPosition;
    private volatile long usedBytes;

    /** Writer-only. */
    private long lastArrival = Long.MIN_VALUE;
    /** Writer-only: set once the log's storage has been freed; appends fail from then on. */
    private boolean dropped;
    /** Writer-only: set when the shard closed; appends fail from then on. */
    private boolean sealed;
    /** Sealed or dropped: no record will ever be appended again, so waits end at once. */
    private volatile boolean closed;

    InMemoryShardLog(MemoryBudget budget, int segmentBytes, int segmentRecords) {
        this.budget = budget;
        this.segmentBytes = segmentBytes;
        this.segmentRecords = segmentRecords;
    }

    @Override
    public AppendResult append(String partitionKey, byte[] data, long nowMillis, boolean encrypted) {
        byte[] key = keyBytes(partitionKey);
        AppendResult result;
        writeLock.lock();
        try {
            checkWritable();
            result = appendLocked(key, data, nowMillis, encrypted);
        } finally {
            writeLock.unlock();
        }
        wakeWaiters();
        return result;
    }

    @Override
    public List<AppendResult> appendAll(List<Append> records, long nowMillis) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("appendAll needs at least one record");
        }
        byte[][] keys = new byte[records.size()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = keyBytes(records.get(i).partitionKey());
        }
        List<AppendResult> results = new ArrayList<>(records.size());
        writeLock.lock();
        try {
            checkWritable();
            for (int i = 0; i < keys.length; i++) {
                Append record = records.get(i);
                try {
                    results.add(appendLocked(keys[i], record.data(), nowMillis, record.encrypted()));
                } catch (LimitExceededException full) {
                    if (results.isEmpty()) {
                        throw full;
                    }
                    break;
                }
            }
        } finally {
            writeLock.unlock();
        }
        wakeWaiters();
        return results;
    }

    @Override
    public CompletableFuture<Long> awaitEnd(long position) {
        return waiters.awaitEnd(position, () -> endPosition, () -> closed);
    }

    private static byte[] keyBytes(String partitionKey) {
        byte[] key = partitionKey.getBytes(StandardCharsets.UTF_8);
        if (key.length > Segment.MAX_KEY_BYTES) {
            throw new IllegalArgumentException("partition keys are at most " + Segment.MAX_KEY_BYTES + " bytes");
        }
        return key;
    }

    /** Writer only. */
    private void checkWritable() {
        if (dropped) {
            throw new ResourceNotFoundException("The shard's log was deleted with its stream.");
        }
        if (sealed) {
            throw new ShardLogSealedException();
        }
    }

    /** Writer only, under the lock. */
    private AppendResult appendLocked(byte[] key, byte[] data, long nowMillis, boolean encrypted) {
        int recordBytes = key.length + data.length;
        long arrival = Math.max(nowMillis, lastArrival);
        long position = endPosition;
        Segment[] current = segments;
        Segment tail = current.length == 0 ? null : current[current.length - 1];
        if (tail == null || tail.basePosition + tail.count() != position || !tail.fits(recordBytes, arrival)) {
            Segment fresh = new Segment(position, arrival, segmentBytes, segmentRecords, recordBytes);
            reserve(SEGMENT_OVERHEAD + fresh.columns().footprint());
            Segment.Columns target = fresh.grownFor(recordBytes);
            fresh.append(target, key, data, arrival, encrypted);
            if (tail != null) {
                sealSegment(tail);
            }
            Segment[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = fresh;
            segments = next;
        } else {
            Segment.Columns before = tail.columns();
            Segment.Columns target = tail.grownFor(recordBytes);
            if (target != before) {
                reserve(target.footprint());
                tail.append(target, key, data, arrival, encrypted);
                release(before.footprint());
            } else {
                tail.append(target, key, data, arrival, encrypted);
            }
        }
        lastArrival = arrival;
        endPosition = position + 1;
        return new AppendResult(position, arrival);
    }

    /** Called after the lock is released. */
    private void wakeWaiters() {
        waiters.wake(endPosition);
    }

    @Override
    public long seal() {
        long end;
        writeLock.lock();
        try {
            sealed = true;
            closed = true;
            end = endPosition;
        } finally {
            writeLock.unlock();
        }
        wakeWaiters();
        return end;
    }

    @Override
    public void unseal() {
        writeLock.lock();
        try {
            sealed = false;
            closed = dropped;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean isSealed() {
        writeLock.lock();
        try {
            return sealed && !dropped;
        } finally {
            writeLock.unlock();
        }
    }

    private void sealSegment(Segment segment) {
        Segment.Columns before = segment.columns();
        Segment.Columns exact = segment.sealed();
        segment.replaceColumns(exact);
        release(before.footprint() - exact.footprint());
    }

    @Override
    public long startPosition() {
        long end = endPosition;
        Segment[] snapshot = segments;
        return snapshot.length == 0 ? end : snapshot[0].basePosition;
    }

    @Override
    public long endPosition() {
        return endPosition;
    }

    @Override
    public List<StoredRecord> read(long fromPosition, int limit, long maxBytes, long minArrivalMillis) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        long end = endPosition;
        Segment[] snapshot = segments;
        long start = Math.max(fromPosition, Segments.positionAtOrAfter(snapshot, end, minArrivalMillis));
        if (start >= end) {
            return List.of();
        }
        return Segments.read(snapshot, start, end, limit, maxBytes);
    }

    @Override
    public long positionAtOrAfter(long arrivalMillis) {
        long end = endPosition;
        return Segments.positionAtOrAfter(segments, end, arrivalMillis);
    }

    @Override
    public long trimBefore(long arrivalMillis) {
        writeLock.lock();
        try {
            Segment[] current = segments;
            int drop = 0;
            while (drop < current.length) {
                Segment segment = current[drop];
                Segment.Columns cols = segment.columns();
                if (segment.arrival(cols, segment.count() - 1) >= arrivalMillis) {
                    break;
                }
                drop++;
            }
            if (drop == 0) {
                return 0;
            }
            long freed = 0;
            for (int i = 0; i < drop; i++) {
                freed += SEGMENT_OVERHEAD + current[i].columns().footprint();
            }
            segments = Arrays.copyOfRange(current, drop, current.length);
            release(freed);
            return freed;
        } finally {
            writeLock.unlock();
        }
    }

    /** Frees everything; the log must not be used afterwards. */
    void dropAll() {
        writeLock.lock();
        try {
            long freed = 0;
            for (Segment segment : segments) {
                freed += SEGMENT_OVERHEAD + segment.columns().footprint();
            }
            segments = NO_SEGMENTS;
            dropped = true;
            closed = true;
            release(freed);
        } finally {
            writeLock.unlock();
        }
        wakeWaiters();
    }

    @Override
    public long usedBytes() {
        return usedBytes;
    }

    private void reserve(long bytes) {
        budget.reserve(bytes);
        usedBytes += bytes;
    }

    private void release(long bytes) {
        budget.release(bytes);
        usedBytes -= bytes;
    }
}
