package dev.runnel.storage;

import java.util.function.IntToLongFunction;

/** Finding the segment that holds a position, in a log's segments ordered by base position. Stateless. */
public final class SegmentSearch {

    private SegmentSearch() {}

    /**
     * The index of the last segment whose base position is at or below {@code position}, by binary search.
     *
     * @param count how many segments there are
     * @param baseAt the base position of the segment at an index; ascending with the index
     * @return that index, or 0 when there is no segment or every base is above {@code position}
     */
    public static int floorIndex(int count, IntToLongFunction baseAt, long position) {
        int low = 0;
        int high = count - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (baseAt.applyAsLong(mid) <= position) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }
}
