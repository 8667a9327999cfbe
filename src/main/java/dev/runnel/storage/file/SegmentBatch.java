package dev.runnel.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The frames of one group of append calls on their way into a log's segment files, rolling to a new segment file when the
 * next frame would take the current one past its size (a segment always takes its first frame, however large).
 * Lifecycle: {@link #add} every record, {@link #write}, optionally {@link #force}, then {@link #publish}; on an
 * I/O failure {@link #abandon} instead. Writer-only, under the log's lock.
 */
final class SegmentBatch {

    private static final int INITIAL_BUFFER = 4096;

    private final Path dir;
    private final long segmentBytes;
    private final long segmentAgeMillis;
    private SegmentFile active;
    private final List<SegmentFile> touched = new ArrayList<>();
    private final List<ByteBuffer> chunks = new ArrayList<>();
    private final List<SegmentFile> created = new ArrayList<>();
    private long bytes;

    SegmentBatch(Path dir, SegmentFile active, long segmentBytes, long segmentAgeMillis) {
        this.dir = dir;
        this.active = active;
        this.segmentBytes = segmentBytes;
        this.segmentAgeMillis = segmentAgeMillis;
    }

    /**
     * Frames and stages one record, creating the next segment file first when the record does not fit in the
     * current one, or the current one's first record is {@code segmentAgeMillis} older than this one.
     */
    void add(long position, long arrivalMillis, boolean encrypted, byte[] key, byte[] data) throws IOException {
        int frame = RecordFrame.frameBytes(key.length, data.length);
        if (active.stagedSize() > 0
                && (active.stagedSize() + frame > segmentBytes
                        || arrivalMillis - active.stagedFirstArrival() >= segmentAgeMillis)) {
            active = SegmentFile.create(dir, position);
            created.add(active);
        }
        if (touched.isEmpty() || touched.get(touched.size() - 1) != active) {
            touched.add(active);
            chunks.add(ByteBuffer.allocate(Math.max(INITIAL_BUFFER, frame)));
        }
        ByteBuffer chunk = chunks.get(chunks.size() - 1);
        if (chunk.remaining() < frame) {
            ByteBuffer grown = ByteBuffer.allocate(Math.max(chunk.capacity() * 2, chunk.position() + frame));
            chunk = grown.put(chunk.flip());
            chunks.set(chunks.size() - 1, chunk);
        }
        RecordFrame.encode(chunk, position, arrivalMillis, encrypted, key, data);
        active.stage(position, arrivalMillis, frame);
        bytes += frame;
    }

    /** Writes every staged frame to its segment file. */
    void write() throws IOException {
        for (int i = 0; i < touched.size(); i++) {
            touched.get(i).write(chunks.get(i).flip());
        }
    }

    /** Forces the written segment files, and the directory when a segment file was created. */
    void force() throws IOException {
        for (SegmentFile segment : touched) {
            segment.force();
        }
        if (!created.isEmpty()) {
            DurableFiles.forceDirectory(dir);
        }
    }

    /** Makes the frames visible to readers of the segments. */
    void publish() {
        touched.forEach(SegmentFile::publish);
    }

    /** Cuts the written frames off again and deletes the segment files created, as far as the disk lets it. */
    void abandon() {
        for (SegmentFile segment : touched) {
            try {
                if (created.contains(segment)) {
                    segment.delete();
                } else {
                    segment.rollback();
                }
            } catch (IOException | RuntimeException e) {
                // The original failure is the one reported; recovery at the next open cuts what is left.
            }
        }
    }

    /** The segment files that got frames. */
    List<SegmentFile> touched() {
        return touched;
    }

    /**
     * The segments that take no more records now that this batch created newer ones: {@code previousActive}
     * (the newest segment before the batch) and every created one but the last. Empty when none was created.
     */
    List<SegmentFile> finished(SegmentFile previousActive) {
        if (created.isEmpty()) {
            return List.of();
        }
        List<SegmentFile> finished = new ArrayList<>(created.size());
        finished.add(previousActive);
        finished.addAll(created.subList(0, created.size() - 1));
        return finished;
    }

    /** The segment files created for this batch, oldest first. */
    List<SegmentFile> created() {
        return created;
    }

    /** {@code current} followed by the segment files created, for the log's new segment list. */
    SegmentFile[] appendCreated(SegmentFile[] current) {
        SegmentFile[] next = Arrays.copyOf(current, current.length + created.size());
        for (int i = 0; i < created.size(); i++) {
            next[current.length + i] = created.get(i);
        }
        return next;
    }

    /** Bytes of frames added. */
    long bytes() {
        return bytes;
    }
}
