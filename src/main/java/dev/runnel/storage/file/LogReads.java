package dev.runnel.storage.file;

import dev.runnel.core.record.RecordData;
import dev.runnel.core.record.StoredRecord;
import dev.runnel.storage.SegmentSearch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Lookups and reads over a snapshot of a log's segments, oldest first, as {@link FileShardLog} takes them: binary
 * searches over the segments and their sparse indexes, then a scan of at most an index interval of frames. A
 * segment of the snapshot may have been closed since (trimmed or dropped); the read then fails with a {@link
 * java.nio.channels.ClosedChannelException} and the caller retries on a new snapshot.
 */
final class LogReads {

    private LogReads() {}

    /** A read of a log's snapshot: its end position, then its segments. */
    interface SnapshotRead<T> {
        T read(long end, SegmentFile[] snapshot) throws IOException;
    }

    /**
     * Runs a read on a snapshot (end first, then segments), and again on a new one when a trim or drop closed a
     * segment under it; fails with the error {@link StoreFailures} chooses on other I/O errors or an interrupt.
     */
    static <T> T onSnapshot(Path dir, LongSupplier end, Supplier<SegmentFile[]> segments, SnapshotRead<T> read) {
        for (int attempt = 1; ; attempt++) {
            long endPosition = end.getAsLong();
            try {
                return read.read(endPosition, segments.get());
            } catch (ClosedChannelException closedUnderUs) {
                if (closedUnderUs instanceof ClosedByInterruptException || attempt == 3) {
                    throw StoreFailures.of("reading", dir, closedUnderUs);
                }
            } catch (IOException e) {
                throw StoreFailures.of("reading", dir, e);
            }
        }
    }

    /**
     * The first position below {@code end} whose arrival, epoch milliseconds, is at or after {@code arrivalMillis};
     * {@code end} when there is none. O(log n) plus a scan of one index interval's headers.
     */
    static long positionAtOrAfter(SegmentFile[] snapshot, long end, long arrivalMillis) throws IOException {
        int n = snapshot.length;
        if (n > 0 && snapshot[n - 1].count() == 0) {
            n--; // only the newest segment can be empty, and it holds nothing to find
        }
        int low = 0;
        int high = n - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (snapshot[mid].lastArrival() >= arrivalMillis) {
                found = mid;
                high = mid - 1;
            } else {
                low = mid + 1;
            }
        }
        if (found < 0) {
            return end;
        }
        SegmentFile segment = snapshot[found];
        long size = segment.size();
        SegmentCursor cursor = new SegmentCursor(segment, segment.offsetBeforeArrival(arrivalMillis), size, true);
        for (RecordFrame.Header header = cursor.header(); header != null; header = cursor.header()) {
            if (header.position() >= end) {
                return end;
            }
            if (header.arrivalMillis() >= arrivalMillis) {
                return header.position();
            }
            cursor.skip(header);
        }
        return Math.min(end, segment.endPosition());
    }

    /** The index of the last segment whose base is at or below the position, or 0 when there is none. */
    static int indexOf(SegmentFile[] snapshot, long position) {
        return SegmentSearch.floorIndex(snapshot.length, i -> snapshot[i].basePosition, position);
    }

    /**
     * Reads records from {@code start} (at or above the first segment's base) below {@code end} in position order:
     * at most {@code limit}, and no more data plus key bytes than {@code maxBytes} except that the first record
     * always comes. Each record's data is a view of a block read for this call alone. Every frame is checked
     * against its CRC: a corrupt frame (a disk error in a segment that recovery did not check) ends the read of its
     * segment, with one ERROR line, and the read goes on with the next segment, so readers skip the damage rather
     * than stop at it or get wrong bytes.
     */
    static List<StoredRecord> read(SegmentFile[] snapshot, long start, long end, int limit, long maxBytes)
            throws IOException {
        List<StoredRecord> records = new ArrayList<>((int) Math.min(limit, Math.min(end - start, 1024)));
        long bytes = 0;
        for (int i = indexOf(snapshot, start); i < snapshot.length && records.size() < limit; i++) {
            SegmentFile segment = snapshot[i];
            long size = segment.size();
            SegmentCursor cursor = new SegmentCursor(segment, segment.offsetForPosition(start), size, false);
            RecordFrame.Header header;
            while (records.size() < limit && (header = cursor.header()) != null) {
                if (header.position() >= end) {
                    return records;
                }
                if (!header.sane() || header.nextOffset() > size) {
                    segment.reportCorrupt(header.offset(), "an invalid frame header");
                    break;
                }
                if (header.position() >= start) {
                    int recordBytes = header.keyBytes() + header.dataBytes();
                    if (!records.isEmpty() && bytes + recordBytes > maxBytes) {
                        return records;
                    }
                    StoredRecord record = record(header, cursor);
                    if (record == null) {
                        segment.reportCorrupt(header.offset(), "a CRC mismatch");
                        break;
                    }
                    bytes += recordBytes;
                    records.add(record);
                }
                cursor.skip(header);
            }
        }
        return records;
    }

    /** The record of the frame, or null when the frame fails its CRC. */
    private static StoredRecord record(RecordFrame.Header header, SegmentCursor cursor) throws IOException {
        int at = cursor.load(header);
        ByteBuffer block = cursor.buffer();
        if (RecordFrame.crc(block, at + RecordFrame.CRC_FROM, at + (int) header.frameBytes()) != header.crc()) {
            return null;
        }
        int keyAt = block.arrayOffset() + at + RecordFrame.HEADER_BYTES;
        String key = new String(block.array(), keyAt, header.keyBytes(), StandardCharsets.UTF_8);
        RecordData data = RecordData.view(block.array(), keyAt + header.keyBytes(), header.dataBytes());
        return new StoredRecord(header.position(), header.arrivalMillis(), key, data, header.encrypted());
    }
}
