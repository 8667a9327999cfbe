package dev.runnel.storage.file;

import dev.runnel.core.error.KinesisException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.record.StoredRecord;
import dev.runnel.storage.AppendResult;
import dev.runnel.storage.AppendWaiters;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogSealedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A shard log in one directory of segment files ({@link SegmentFile}), like Kafka's log: the segment list is
 * copy-on-write, so a reader takes one snapshot and seeks with binary searches and positional reads; retention
 * deletes whole segment files from the head. Appends, seals and trims take the log's lock; reads take none. Appends
 * commit in groups: whoever holds the lock writes every call queued meanwhile, forces once for all of them under
 * {@link FsyncPolicy#ALWAYS}, and only then publishes them, so no reader sees a record a crash could take back under
 * that policy. Positions are reserved ahead ({@link PositionReservation}). See {@link ShardLog} for the contract; I/O
 * failures surface as the errors {@link StoreFailures} chooses, after partly written frames were cut off.
 */
final class FileShardLog implements ShardLog {

    private static final SegmentFile[] NO_SEGMENTS = new SegmentFile[0];

    private final Path dir;
    private final FileLogOptions options;
    private final DiskSpace space;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Queue<PendingAppend> queue = new ConcurrentLinkedQueue<>();
    private final AppendWaiters waiters = new AppendWaiters();

    private volatile SegmentFile[] segments;
    private volatile long endPosition;
    private volatile long usedBytes;
    /** Sealed or dropped: no record will ever be appended again, so waits end at once. */
    private volatile boolean closed;

    private long lastArrival; // writer-only
    private volatile long forces; // writer-only: appends' forces (group commit makes them fewer than appends)

    private volatile boolean sealed; // written under the lock, as is dropped
    private volatile boolean dropped;
    private final UnflushedSegments unflushed = new UnflushedSegments();
    private final PositionReservation reservation;

    private FileShardLog(Path dir, FileLogOptions options, DiskSpace space, LogOpening.Opened opened) {
        this.dir = dir;
        this.options = options;
        this.space = space;
        this.segments = opened.segments().toArray(NO_SEGMENTS);
        this.endPosition = segments[segments.length - 1].endPosition();
        this.lastArrival = opened.lastArrival();
        this.usedBytes = opened.segments().stream().mapToLong(SegmentFile::size).sum();
        this.sealed = opened.sealed();
        this.closed = opened.sealed();
        this.reservation = opened.reservation();
    }

    /** Opens the log in {@code dir} (see {@link LogOpening}), creating an empty one when it holds no segment. */
    static FileShardLog open(Path dir, FileLogOptions options, DiskSpace space) throws IOException {
        return new FileShardLog(dir, options, space, LogOpening.open(dir));
    }

    /**
     * Group commit: the call queues its records, then takes the writer lock; whoever holds it writes every queued
     * call's records, forces once (under {@link FsyncPolicy#ALWAYS}) and publishes them, so appends that arrive while
     * a force is under way share the next one. A call finds its records already written when another thread's turn
     * took them.
     */
    @Override
    public List<AppendResult> appendAll(List<Append> records, long nowMillis) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("appendAll needs at least one record");
        }
        PendingAppend mine = new PendingAppend(records, nowMillis);
        queue.add(mine);
        writeLock.lock();
        try {
            if (!mine.isDone()) {
                commitQueued();
            }
        } finally {
            writeLock.unlock();
        }
        waiters.wake(endPosition);
        return mine.results();
    }

    /** Writer only, under the lock: writes every queued call, forces per the policy, then publishes. */
    private void commitQueued() {
        List<PendingAppend> group = PendingAppend.drain(queue, this::refusal, space, usedBytes);
        if (group.isEmpty()) {
            return;
        }
        SegmentFile[] current = segments;
        SegmentBatch batch =
                new SegmentBatch(dir, current[current.length - 1], options.segmentBytes(), options.segmentAgeMillis());
        long position = endPosition;
        long arrival = lastArrival;
        try {
            for (PendingAppend pending : group) {
                arrival = Math.max(pending.nowMillis, arrival);
                position = pending.stage(batch, position, arrival);
            }
            reservation.cover(position);
            batch.write();
            if (options.fsync() == FsyncPolicy.ALWAYS) {
                batch.force();
                forces++;
            }
        } catch (IOException e) {
            batch.abandon();
            KinesisException failure = StoreFailures.of("appending to", dir, e);
            group.forEach(pending -> pending.fail(failure));
            return;
        }
        batch.publish();
        if (options.fsync() != FsyncPolicy.ALWAYS) {
            unflushed.addAll(batch.touched());
        }
        if (!batch.created().isEmpty()) {
            segments = batch.appendCreated(current);
            SegmentIndexFile.writeFinished(batch.finished(current[current.length - 1]));
        }
        lastArrival = arrival;
        usedBytes += batch.bytes();
        endPosition = position;
        group.forEach(PendingAppend::succeed);
    }

    /** Writer only: why the log takes no appends now, or null when it takes them. */
    private RuntimeException refusal() {
        return dropped
                ? new ResourceNotFoundException("The shard's log was deleted with its stream.")
                : sealed ? new ShardLogSealedException() : null;
    }

    @Override
    public CompletableFuture<Long> awaitEnd(long position) {
        return waiters.awaitEnd(position, () -> endPosition, () -> closed);
    }

    @Override
    public long seal() {
        long end;
        writeLock.lock();
        try {
            end = endPosition;
            if (!sealed && !dropped) {
                StoreFailures.run(dir, () -> LogDirectory.writeSeal(dir, end), "sealing");
            }
            sealed = true;
            closed = true;
        } finally {
            writeLock.unlock();
        }
        waiters.wake(end);
        return end;
    }

    @Override
    public void unseal() {
        writeLock.lock();
        try {
            if (sealed && !dropped) {
                StoreFailures.run(dir, () -> LogDirectory.removeSeal(dir), "unsealing");
                // after an unclean stop, it goes on past every position it may have handed out
                StoreFailures.run(
                        dir,
                        () -> segments = LogOpening.skipTo(dir, List.of(segments), reservation.resumeAt(endPosition))
                                .toArray(NO_SEGMENTS),
                        "unsealing");
                endPosition = segments[segments.length - 1].endPosition();
            }
            sealed = false;
            closed = dropped;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean isSealed() {
        return sealed && !dropped;
    }

    @Override
    public long startPosition() {
        long end = endPosition;
        SegmentFile[] snapshot = segments;
        return snapshot.length == 0 ? end : Math.min(end, snapshot[0].basePosition);
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
        return LogReads.onSnapshot(dir, () -> endPosition, () -> segments, (end, snapshot) -> {
            long start = Math.max(fromPosition, LogReads.positionAtOrAfter(snapshot, end, minArrivalMillis));
            return start >= end ? List.of() : LogReads.read(snapshot, start, end, limit, maxBytes);
        });
    }

    @Override
    public long positionAtOrAfter(long arrivalMillis) {
        return LogReads.onSnapshot(
                dir,
                () -> endPosition,
                () -> segments,
                (end, snapshot) -> LogReads.positionAtOrAfter(snapshot, end, arrivalMillis));
    }

    /** Deletes whole segment files whose last record arrived before the time; keeps an empty newest file. */
    @Override
    public long trimBefore(long arrivalMillis) {
        writeLock.lock();
        try {
            SegmentFile[] current = segments;
            int drop = LogDirectory.expiredSegments(current, arrivalMillis);
            if (dropped || drop == 0) {
                return 0;
            }
            SegmentFile[] next = Arrays.copyOfRange(current, drop, current.length);
            segments = next.length > 0 ? next : new SegmentFile[] {SegmentFile.create(dir, endPosition)};
            List<SegmentFile> gone = Arrays.asList(current).subList(0, drop);
            unflushed.removeAll(gone);
            long freed = LogDirectory.delete(dir, gone);
            usedBytes -= freed;
            return freed;
        } catch (IOException e) {
            throw StoreFailures.of("trimming", dir, e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long usedBytes() {
        return usedBytes;
    }

    /** How many forces appends made under {@link FsyncPolicy#ALWAYS}: one per group commit. */
    long forceCount() {
        return forces;
    }

    /** Forces the segments written since the last force (and the directory) without holding up appends. */
    void flush() {
        try {
            unflushed.force(dir, !dropped);
        } catch (IOException e) {
            throw StoreFailures.of("flushing", dir, e);
        }
    }

    /**
     * Releases the files (at a clean stop, settling the position reservation first); with {@code drop}, the log
     * takes no appends and holds nothing from now on.
     */
    void release(boolean drop) {
        writeLock.lock();
        try {
            if (!drop && !dropped) {
                StoreFailures.run(dir, () -> reservation.settle(endPosition), "closing");
            }
            for (SegmentFile segment : segments) {
                StoreFailures.run(dir, segment::close, "closing");
            }
            if (drop) {
                dropped = true;
                closed = true;
                segments = NO_SEGMENTS;
                usedBytes = 0;
                unflushed.clear();
            }
        } finally {
            writeLock.unlock();
        }
        waiters.wake(endPosition);
    }
}
