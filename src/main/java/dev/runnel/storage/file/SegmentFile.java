package dev.runnel.storage.file;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One segment file of a shard log: consecutive {@link RecordFrame}s, named by the position of its first record
 * ({@code 00000000000000000042.log}), plus a {@link SparseIndex} (one entry per {@value SparseIndex#INTERVAL} bytes
 * of frames: position, file offset, arrival) that both position and arrival lookups binary-search before they scan
 * a few headers.
 *
 * <p>Writing is two-phase and writer-only (under the log's lock): {@link #stage} notes each record and {@link
 * #write} puts the staged bytes after the published end; {@link #publish} then makes them visible to readers, or
 * {@link #rollback} cuts them off. Readers take no lock: they read {@link #size()} (volatile, raised last) first
 * and see every index entry and byte below it. A reader of a segment that gets closed under it (trimmed, dropped)
 * gets a {@link ClosedChannelException} and retries on the log's new segments.
 */
final class SegmentFile {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentFile.class);

    final long basePosition;
    final Path path;
    private volatile FileChannel channel;
    private volatile boolean closed;
    private volatile boolean reportedCorrupt;

    private final SparseIndex index = new SparseIndex();
    private volatile long endPosition;
    private volatile long lastArrival = Long.MIN_VALUE;
    private volatile long count;
    private volatile long size;

    /** Writer-only: what is staged, published or not. */
    private long stagedSize;

    private long stagedEnd;
    private long stagedLastArrival = Long.MIN_VALUE;
    private long stagedCount;
    private long writtenSize;

    private SegmentFile(long basePosition, Path path, FileChannel channel) {
        this.basePosition = basePosition;
        this.path = path;
        this.channel = channel;
        this.endPosition = basePosition;
        this.stagedEnd = basePosition;
    }

    static String fileName(long basePosition) {
        return String.format("%020d.log", basePosition);
    }

    /** Creates an empty segment file in the directory; it must not exist yet. */
    static SegmentFile create(Path dir, long basePosition) throws IOException {
        Path path = dir.resolve(fileName(basePosition));
        FileChannel channel = FileChannel.open(
                path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new SegmentFile(basePosition, path, channel);
    }

    /** Opens an existing segment file; the caller stages its records and publishes (see {@link SegmentRecovery}). */
    static SegmentFile open(Path path, long basePosition) throws IOException {
        return new SegmentFile(
                basePosition, path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    /** Published bytes of frames; everything below is complete and never changes. */
    long size() {
        return size;
    }

    /** One past the last published record's position; the base position when there is none. */
    long endPosition() {
        return endPosition;
    }

    long count() {
        return count;
    }

    /** The last published record's arrival, epoch milliseconds; {@link Long#MIN_VALUE} when empty. */
    long lastArrival() {
        return lastArrival;
    }

    /** Logs, once per segment, that a read found a corrupt frame at the offset and skipped the rest of the file. */
    void reportCorrupt(long offset, String problem) {
        if (!reportedCorrupt) {
            reportedCorrupt = true;
            LOG.error(
                    "Shard log segment {}: {} at byte {}; reads skip the rest of the segment (records up to position"
                            + " {}) and go on with the next one",
                    path,
                    problem,
                    offset,
                    endPosition - 1);
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Writer-only: staged (published or not) bytes, for deciding when to roll. */
    long stagedSize() {
        return stagedSize;
    }

    /** Writer-only: the staged first record's arrival, epoch milliseconds; {@link Long#MIN_VALUE} when none. */
    long stagedFirstArrival() {
        return index.firstArrival();
    }

    /** Writer-only: notes one record of {@code frameBytes} that the next {@link #write} puts in the file. */
    void stage(long position, long arrivalMillis, int frameBytes) {
        index.add(position, stagedSize, arrivalMillis);
        stagedSize += frameBytes;
        stagedEnd = position + 1;
        stagedLastArrival = arrivalMillis;
        stagedCount++;
    }

    /** Writer-only: writes staged frames (the buffer's remaining bytes) after those already written. */
    void write(ByteBuffer frames) throws IOException {
        long at = writtenSize;
        while (frames.hasRemaining()) {
            at += openChannel().write(frames, at);
        }
        writtenSize = at;
    }

    /** Writer-only: forces the written bytes to the disk. */
    void force() throws IOException {
        openChannel().force(false);
    }

    /**
     * Forces the bytes written so far, from any thread (a force covers every write that returned before it began);
     * does nothing once the segment is closed (trimmed or dropped: its bytes are not needed).
     */
    void forceIfOpen() throws IOException {
        try {
            if (!closed) {
                openChannel().force(false);
            }
        } catch (ClosedChannelException closedUnderUs) {
            if (!closed) {
                throw closedUnderUs;
            }
        }
    }

    /** Writer-only: makes everything staged and written visible to readers. */
    void publish() {
        index.publish();
        endPosition = stagedEnd;
        lastArrival = stagedLastArrival;
        count = stagedCount;
        size = stagedSize;
    }

    /** Writer-only: forgets what was staged since the last publish and cuts the file back to the published size. */
    void rollback() throws IOException {
        index.rollback();
        stagedSize = size;
        stagedEnd = endPosition;
        stagedLastArrival = lastArrival;
        stagedCount = count;
        writtenSize = size;
        if (channel.isOpen()) {
            channel.truncate(size);
        } else {
            truncateClosed(size);
        }
    }

    /** The published index and totals. */
    SegmentIndexFile.Summary summary() {
        long[][] entries = index.snapshot();
        return new SegmentIndexFile.Summary(
                entries[0], entries[1], entries[2], entries[0].length, count, endPosition, lastArrival, size);
    }

    /** Recovery: takes the index and totals from the segment's index file instead of its frames, and publishes. */
    void restore(SegmentIndexFile.Summary summary) {
        index.restore(summary.positions(), summary.offsets(), summary.arrivals(), summary.entries());
        stagedSize = summary.size();
        stagedEnd = summary.endPosition();
        stagedLastArrival = summary.lastArrival();
        stagedCount = summary.count();
        recovered();
    }

    /** Recovery: everything staged is in the file; publishes it. */
    void recovered() {
        writtenSize = stagedSize;
        publish();
    }

    /** Recovery: cuts the file at {@code bytes}, beyond everything staged. */
    void truncate(long bytes) throws IOException {
        channel.truncate(bytes);
        channel.force(true);
        writtenSize = bytes;
    }

    private void truncateClosed(long bytes) throws IOException {
        synchronized (this) {
            if (!closed) {
                channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
                channel.truncate(bytes);
            }
        }
    }

    /** The file offset of the last index entry at or below the position (0 when none): a scan starts there. */
    long offsetForPosition(long position) {
        return index.offsetForPosition(position);
    }

    /** The file offset of the last index entry that arrived before the time (0 when none): a scan starts there. */
    long offsetBeforeArrival(long arrivalMillis) {
        return index.offsetBeforeArrival(arrivalMillis);
    }

    /**
     * Fills {@code into} from the file at {@code offset}. A channel closed by another thread's interrupt is opened
     * again; one closed because the segment was closed fails with {@link ClosedChannelException}.
     *
     * @throws EOFException when the file ends first
     */
    void readFully(ByteBuffer into, long offset) throws IOException {
        long at = offset;
        int attempts = 0;
        while (into.hasRemaining()) {
            try {
                int n = openChannel().read(into, at);
                if (n < 0) {
                    throw new EOFException("segment " + path + " ends before byte " + (at + into.remaining()));
                }
                at += n;
            } catch (ClosedByInterruptException interrupted) {
                throw interrupted;
            } catch (ClosedChannelException closedUnderUs) {
                if (closed || ++attempts > 3) {
                    throw closedUnderUs;
                }
            }
        }
    }

    private FileChannel openChannel() throws IOException {
        FileChannel current = channel;
        if (current.isOpen() || closed) {
            return current;
        }
        synchronized (this) {
            if (!closed && !channel.isOpen()) {
                channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            return channel;
        }
    }

    /** Releases the file; readers still on it fail and retry. Idempotent. */
    synchronized void close() throws IOException {
        closed = true;
        channel.close();
    }

    /** Closes and deletes the file, and its index file if it has one. */
    void delete() throws IOException {
        close();
        Files.deleteIfExists(path);
        Files.deleteIfExists(SegmentIndexFile.pathOf(path));
    }
}
