package dev.runnel.storage.file;

import java.util.Arrays;

/**
 * The sparse in-memory index of one segment file: an entry (position, file offset, arrival) for the first record and
 * then for the first record at least {@value #INTERVAL} bytes of frames after the previous entry. Position and
 * arrival lookups binary-search it, then scan at most an interval of frame headers.
 *
 * <p>Two-phase like its segment: the writer {@link #add}s entries, then {@link #publish}es them or {@link
 * #rollback}s; readers see only published entries, which never change. Entries are written before the volatile
 * count that publishes them, so a reader that read the count sees them.
 */
final class SparseIndex {

    static final int INTERVAL = 16 * 1024;
    private static final int INITIAL = 8;

    /** The columns; entries below the published count never change. */
    private record Columns(long[] positions, long[] offsets, long[] arrivals) {}

    private volatile Columns columns = new Columns(new long[INITIAL], new long[INITIAL], new long[INITIAL]);
    private volatile int published;

    /** Writer-only: entries added, published or not. */
    private int staged;

    /** Writer-only: notes a record at {@code offset} if it is the first or an interval past the last entry. */
    void add(long position, long offset, long arrivalMillis) {
        Columns current = columns;
        if (staged > 0 && offset - current.offsets[staged - 1] < INTERVAL) {
            return;
        }
        if (staged == current.positions.length) {
            int grown = current.positions.length * 2;
            current = new Columns(
                    Arrays.copyOf(current.positions, grown),
                    Arrays.copyOf(current.offsets, grown),
                    Arrays.copyOf(current.arrivals, grown));
            columns = current;
        }
        current.positions[staged] = position;
        current.offsets[staged] = offset;
        current.arrivals[staged] = arrivalMillis;
        staged++;
    }

    /** Writer-only: the first entry's arrival (the segment's first record's), {@link Long#MIN_VALUE} when none. */
    long firstArrival() {
        return staged == 0 ? Long.MIN_VALUE : columns.arrivals[0];
    }

    void publish() {
        published = staged;
    }

    void rollback() {
        staged = published;
    }

    /** The published entries as three arrays, each {@link #size()} long. */
    long[][] snapshot() {
        int n = published;
        Columns c = columns;
        return new long[][] {Arrays.copyOf(c.positions, n), Arrays.copyOf(c.offsets, n), Arrays.copyOf(c.arrivals, n)};
    }

    /** Recovery: takes these entries instead of adding them one by one (then {@link #publish}). */
    void restore(long[] positions, long[] offsets, long[] arrivals, int entries) {
        int capacity = Math.max(INITIAL, entries);
        columns = new Columns(
                Arrays.copyOf(positions, capacity),
                Arrays.copyOf(offsets, capacity),
                Arrays.copyOf(arrivals, capacity));
        staged = entries;
    }

    /** Published entries. */
    int size() {
        return published;
    }

    /** The file offset of the last entry at or below the position (0 when none): a scan starts there. */
    long offsetForPosition(long position) {
        return lastOffsetBefore(position, true);
    }

    /** The file offset of the last entry that arrived before the time (0 when none): a scan starts there. */
    long offsetBeforeArrival(long arrivalMillis) {
        return lastOffsetBefore(arrivalMillis, false);
    }

    /**
     * The offset of the last published entry whose position (or, for an arrival, arrival) is below the bound, or at
     * it when {@code byPosition}; 0 if none. Reads the count before the columns, so it never sees a count whose
     * entries are in columns newer than the ones it reads.
     */
    private long lastOffsetBefore(long bound, boolean byPosition) {
        int n = published;
        Columns c = columns;
        long[] keys = byPosition ? c.positions : c.arrivals;
        int low = 0;
        int high = n - 1;
        long offset = 0;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (byPosition ? keys[mid] <= bound : keys[mid] < bound) {
                offset = c.offsets[mid];
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return offset;
    }
}
