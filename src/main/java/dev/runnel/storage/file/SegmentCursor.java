package dev.runnel.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Walks the frames of one segment file from an offset up to a limit with positional reads, a block at a time.
 * Each block is a fresh array, so record views taken from an earlier block stay valid. Not thread-safe: one
 * reader at a time.
 */
final class SegmentCursor {

    private static final int BLOCK = 64 * 1024;

    private final SegmentFile segment;
    private final long limit;
    private final int block;
    private ByteBuffer buffer;
    private long bufferStart;
    private long offset;

    /**
     * @param from the file offset of a frame to start at
     * @param limit the file offset to stop at (exclusive)
     * @param headersOnly read just the header of each frame, not blocks of frames
     */
    SegmentCursor(SegmentFile segment, long from, long limit, boolean headersOnly) {
        this.segment = segment;
        this.offset = from;
        this.limit = limit;
        this.block = headersOnly ? RecordFrame.HEADER_BYTES : BLOCK;
    }

    /** The file offset of the next frame. */
    long offset() {
        return offset;
    }

    /** The header of the next frame, or null when no whole header is left below the limit. */
    RecordFrame.Header header() throws IOException {
        if (offset + RecordFrame.HEADER_BYTES > limit) {
            return null;
        }
        ensure(offset, RecordFrame.HEADER_BYTES);
        return RecordFrame.Header.read(buffer, (int) (offset - bufferStart), offset);
    }

    /** Moves past the frame whose header was read last. */
    void skip(RecordFrame.Header header) {
        offset = header.nextOffset();
    }

    /**
     * Loads the whole frame, which must end at or below the limit, into {@link #buffer()}.
     *
     * @return the frame's index in {@link #buffer()}
     */
    int load(RecordFrame.Header header) throws IOException {
        ensure(header.offset(), (int) header.frameBytes());
        return (int) (header.offset() - bufferStart);
    }

    /** The block holding the frame {@link #load} returned; its backing array is never written again. */
    ByteBuffer buffer() {
        return buffer;
    }

    private void ensure(long at, int bytes) throws IOException {
        if (buffer != null && at >= bufferStart && at + bytes <= bufferStart + buffer.limit()) {
            return;
        }
        int size = (int) Math.max(bytes, Math.min(block, limit - at));
        ByteBuffer fresh = ByteBuffer.allocate(size);
        segment.readFully(fresh, at);
        fresh.flip();
        buffer = fresh;
        bufferStart = at;
    }
}
