package dev.runnel.storage.file;

import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.record.StoredRecord;
import dev.runnel.storage.AppendResult;
import dev.runnel.storage.AppendWaiters;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogSealedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A shard log in one directory of segment files (see {@link SegmentFile}, {@link RecordFrame}), like Kafka's log:
 * the segment list is copy-on-write (it changes once per segment, not per record), so a reader takes one snapshot
 * and seeks by position or arrival time with binary searches and positional reads; retention deletes whole
 * segment files from the head.
 *
 * <p>Appends, seals and trims take the log's own lock (one writer at a time); reads take no lock. An append writes
 * its frames, forces them under {@link FsyncPolicy#ALWAYS}, and only then publishes them to readers, so a reader
 * never sees a record that a crash could take back under that policy. See {@link ShardLog} for the contract. I/O
 * failures surface as {@link UncheckedIOException}, after an append's partly written frames were cut off.
 */
final class FileShardLog implements ShardLog {

    private static final SegmentFile[] NO_SEGMENTS = new SegmentFile[0];

    private final Path dir;
    private final FsyncPolicy fsync;
    private final long segmentBytes;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AppendWaiters waiters = new AppendWaiters();

    private volatile SegmentFile[] segments;
    private volatile long endPosition;
    private volatile long usedBytes;
    /** Sealed or dropped: no record will ever be appended again, so waits end at once. */
    private volatile boolean closed;

    /** Writer-only. */
    private long lastArrival;

    private boolean sealed;
    private boolean dropped;
    /** Writer-only: segments written since they were last forced. */
    private final Set<SegmentFile> unflushed = new LinkedHashSet<>();

    private FileShardLog(Path dir, FsyncPolicy fsync, long segmentBytes, List<SegmentFile> opened, boolean sealed) {
        this.dir = dir;
        this.fsync = fsync;
        this.segmentBytes = segmentBytes;
        this.segments = opened.toArray(NO_SEGMENTS);
        SegmentFile newest = opened.get(opened.size() - 1);
        this.endPosition = newest.endPosition();
        this.lastArrival =
                opened.stream().mapToLong(SegmentFile::lastArrival).max().orElse(Long.MIN_VALUE);
        this.usedBytes = opened.stream().mapToLong(SegmentFile::size).sum();
        this.sealed = sealed;
        this.closed = sealed;
    }

    /** Opens the log in {@code dir}, creating an empty one when the directory holds no segment. */
    static FileShardLog open(Path dir, FsyncPolicy fsync, long segmentBytes) throws IOException {
        return new FileShardLog(dir, fsync, segmentBytes, LogDirectory.openSegments(dir), LogDirectory.isSealed(dir));
    }

    @Override
    public AppendResult append(String partitionKey, byte[] data, long nowMillis, boolean encrypted) {
        return appendAll(List.of(new Append(partitionKey, data, encrypted)), nowMillis)
                .get(0);
    }

    @Override
    public List<AppendResult> appendAll(List<Append> records, long nowMillis) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("appendAll needs at least one record");
        }
        byte[][] keys = records.stream()
                .map(r -> RecordFrame.keyBytes(r.partitionKey()))
                .toArray(byte[][]::new);
        List<AppendResult> results;
        writeLock.lock();
        try {
            if (dropped) {
                throw new ResourceNotFoundException("The shard's log was deleted with its stream.");
            }
            if (sealed) {
                throw new ShardLogSealedException();
            }
            results = appendLocked(records, keys, Math.max(nowMillis, lastArrival));
        } finally {
            writeLock.unlock();
        }
        waiters.wake(endPosition);
        return results;
    }

    /** Writer only, under the lock: writes, forces per the policy, then publishes. */
    private List<AppendResult> appendLocked(List<Append> records, byte[][] keys, long arrival) {
        SegmentFile[] current = segments;
        SegmentBatch batch = new SegmentBatch(dir, current[current.length - 1], segmentBytes);
        long position = endPosition;
        List<AppendResult> results = new ArrayList<>(records.size());
        try {
            for (int i = 0; i < keys.length; i++) {
                Append record = records.get(i);
                batch.add(position, arrival, record.encrypted(), keys[i], record.data());
                results.add(new AppendResult(position, arrival));
                position++;
            }
            batch.write();
            if (fsync == FsyncPolicy.ALWAYS) {
                batch.force();
            }
        } catch (IOException e) {
            batch.abandon();
            throw new UncheckedIOException("appending to the shard log in " + dir + " failed", e);
        }
        batch.publish();
        if (fsync != FsyncPolicy.ALWAYS) {
            unflushed.addAll(batch.touched());
        }
        if (!batch.created().isEmpty()) {
            segments = batch.appendCreated(current);
        }
        lastArrival = arrival;
        usedBytes += batch.bytes();
        endPosition = position;
        return results;
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
                io(() -> LogDirectory.writeSeal(dir, end), "sealing");
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
                io(() -> LogDirectory.removeSeal(dir), "unsealing");
            }
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
        return onSnapshot((end, snapshot) -> {
            long start = Math.max(fromPosition, LogReads.positionAtOrAfter(snapshot, end, minArrivalMillis));
            return start >= end ? List.of() : LogReads.read(snapshot, start, end, limit, maxBytes);
        });
    }

    @Override
    public long positionAtOrAfter(long arrivalMillis) {
        return onSnapshot((end, snapshot) -> LogReads.positionAtOrAfter(snapshot, end, arrivalMillis));
    }

    /** Runs a read on a snapshot (end first, then segments), again on a new one when a trim closed a segment. */
    private <T> T onSnapshot(LogReads.SnapshotRead<T> read) {
        return LogReads.onSnapshot(dir, () -> endPosition, () -> segments, read);
    }

    /** Deletes whole segment files whose last record arrived before the time; keeps an empty newest file. */
    @Override
    public long trimBefore(long arrivalMillis) {
        writeLock.lock();
        try {
            SegmentFile[] current = segments;
            int drop = 0;
            while (drop < current.length && current[drop].count() > 0 && current[drop].lastArrival() < arrivalMillis) {
                drop++;
            }
            if (dropped || drop == 0) {
                return 0;
            }
            SegmentFile[] next = Arrays.copyOfRange(current, drop, current.length);
            segments = next.length > 0 ? next : new SegmentFile[] {SegmentFile.create(dir, endPosition)};
            List<SegmentFile> gone = Arrays.asList(current).subList(0, drop);
            gone.forEach(unflushed::remove);
            long freed = LogDirectory.delete(dir, gone);
            usedBytes -= freed;
            return freed;
        } catch (IOException e) {
            throw new UncheckedIOException("trimming the shard log in " + dir + " failed", e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long usedBytes() {
        return usedBytes;
    }

    /** Forces every segment written since the last force, and the directory (for segment files created since). */
    void flush() {
        writeLock.lock();
        try {
            if (!unflushed.isEmpty() && !dropped) {
                for (SegmentFile segment : unflushed) {
                    io(segment::force, "flushing");
                }
                io(() -> DurableFiles.forceDirectory(dir), "flushing");
            }
            unflushed.clear();
        } finally {
            writeLock.unlock();
        }
    }

    /** Releases the files; with {@code drop}, the log takes no appends and holds nothing from now on. */
    void release(boolean drop) {
        writeLock.lock();
        try {
            for (SegmentFile segment : segments) {
                io(segment::close, "closing");
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

    private interface IoAction {
        void run() throws IOException;
    }

    private void io(IoAction action, String what) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(what + " the shard log in " + dir + " failed", e);
        }
    }
}
