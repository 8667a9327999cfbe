package dev.runnel.storage.memory;

import dev.runnel.core.record.StoredRecord;
import dev.runnel.storage.SegmentSearch;
import java.util.ArrayList;
import java.util.List;

/** Binary searches and reads over a log's segments, oldest first, as {@link InMemoryShardLog} snapshots them. */
final class Segments {

    private Segments() {}

    /**
     * The first position below {@code end} whose arrival time, epoch milliseconds, is at or after {@code
     * arrivalMillis}; {@code end} when there is none. O(log n).
     */
    static long positionAtOrAfter(Segment[] snapshot, long end, long arrivalMillis) {
        if (snapshot.length == 0) {
            return end;
        }
        // The last segment whose first arrival is before the time holds the answer, or its successor does.
        int low = 0;
        int high = snapshot.length - 1;
        int candidate = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            Segment segment = snapshot[mid];
            if (segment.baseArrival < arrivalMillis) {
                candidate = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (candidate < 0) {
            return snapshot[0].basePosition;
        }
        Segment segment = snapshot[candidate];
        int count = (int) Math.min(segment.count(), end - segment.basePosition);
        int slot = segment.slotAtOrAfter(segment.columns(), count, arrivalMillis);
        return segment.basePosition + slot;
    }

    /** The index of the segment holding the position, which is at or above the first segment's base. */
    static int indexOf(Segment[] snapshot, long position) {
        return SegmentSearch.floorIndex(snapshot.length, i -> snapshot[i].basePosition, position);
    }

    /**
     * Reads records from {@code start} (stored, below {@code end}) in position order: at most {@code limit}, and
     * no more data plus key bytes than {@code maxBytes} except that the first record always comes.
     */
    static List<StoredRecord> read(Segment[] snapshot, long start, long end, int limit, long maxBytes) {
        List<StoredRecord> records = new ArrayList<>((int) Math.min(limit, Math.min(end - start, 1024)));
        long bytes = 0;
        int index = Segments.indexOf(snapshot, start);
        long position = start;
        while (index < snapshot.length && position < end && records.size() < limit) {
            Segment segment = snapshot[index];
            int count = segment.count();
            Segment.Columns cols = segment.columns();
            int slot = (int) (position - segment.basePosition);
            int stop = (int) Math.min(count, end - segment.basePosition);
            for (; slot < stop && records.size() < limit; slot++) {
                int size = Segment.recordBytes(cols, slot);
                if (!records.isEmpty() && bytes + size > maxBytes) {
                    return records;
                }
                bytes += size;
                records.add(segment.record(cols, slot));
            }
            position = segment.basePosition + slot;
            index++;
        }
        return records;
    }
}
