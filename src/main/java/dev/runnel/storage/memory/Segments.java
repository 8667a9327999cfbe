package dev.runnel.storage.memory;

/** Binary searches over a log's segments, oldest first, as {@link InMemoryShardLog} snapshots them. */
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
            if (segment.firstArrival(segment.columns()) < arrivalMillis) {
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
        int slot = Segment.slotAtOrAfter(segment.columns(), count, arrivalMillis);
        return segment.basePosition + slot;
    }

    /** The index of the segment holding the position, which is at or above the first segment's base. */
    static int indexOf(Segment[] snapshot, long position) {
        int low = 0;
        int high = snapshot.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (snapshot[mid].basePosition <= position) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }
}
