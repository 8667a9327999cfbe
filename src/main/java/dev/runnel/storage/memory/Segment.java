package dev.runnel.storage.memory;

import dev.runnel.core.record.RecordData;
import dev.runnel.core.record.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A run of consecutive records of one shard, stored column-wise in a few primitive arrays: every record's
 * partition-key and data bytes back to back in one byte array, plus its arrival time, start offset and key
 * length (10 bytes of overhead a record). Keys are at most 1024 bytes, so the key-length column's top bit is
 * free and holds the record's encryption flag. An arrival is stored as an {@code int} of milliseconds after the
 * segment's {@link #baseArrival} (its first record's), so a record arriving more than {@link Integer#MAX_VALUE}
 * ms (about 24.8 days) after that does not {@link #fits fit} and starts a new segment. The arrays grow by doubling
 * up to the segment's size and are cut to size when the segment is sealed.
 *
 * <p>Reads copy no payload: a record's data is a {@link RecordData} view of the byte column, whose slots never
 * change once written (growing or sealing a segment copies into new arrays, so a view keeps the old one).
 *
 * <p>Publication: the single writer fills slots past {@link #count} and only then raises {@code count}
 * (volatile); grown arrays are published in a new {@link Columns} (volatile) before {@code count} moves.
 * A reader reads {@code count} first and the columns second, so every slot below the count it saw is
 * complete and never changes again.
 */
final class Segment {

    /**
     * The arrays of a segment; only slots below the published count are meaningful. {@code arrivalDeltas} holds
     * each arrival as milliseconds after the segment's {@link #baseArrival} (never negative).
     */
    record Columns(byte[] bytes, int[] arrivalDeltas, int[] offsets, short[] keyLengths) {

        /** Bytes of memory the arrays take, headers included. */
        long footprint() {
            return 16L * 4 + bytes.length + 4L * arrivalDeltas.length + 4L * offsets.length + 2L * keyLengths.length;
        }
    }

    private static final int INITIAL_RECORDS = 16;
    private static final int ENCRYPTED = 0x8000;
    private static final int KEY_LENGTH = 0x7FFF;
    /** The longest partition key a segment can hold, in UTF-8 bytes (Kinesis keys are at most 1024). */
    static final int MAX_KEY_BYTES = KEY_LENGTH;

    private static final int INITIAL_BYTES = 1024;

    final long basePosition;
    /** Arrival time, epoch milliseconds, of the segment's first record; every arrival is stored relative to it. */
    final long baseArrival;

    private final int maxBytes;
    private final int maxRecords;
    private volatile Columns columns;
    private volatile int count;

    /** Writer-only: bytes used in the byte column. */
    private int usedBytes;

    Segment(long basePosition, long baseArrival, int maxBytes, int maxRecords, int firstRecordBytes) {
        this.basePosition = basePosition;
        this.baseArrival = baseArrival;
        this.maxBytes = Math.max(maxBytes, firstRecordBytes);
        this.maxRecords = maxRecords;
        int initialBytes = Math.min(this.maxBytes, Math.max(INITIAL_BYTES, firstRecordBytes));
        int initialRecords = Math.min(maxRecords, INITIAL_RECORDS);
        this.columns = new Columns(
                new byte[initialBytes],
                new int[initialRecords],
                new int[initialRecords + 1],
                new short[initialRecords]);
    }

    int count() {
        return count;
    }

    Columns columns() {
        return columns;
    }

    /**
     * Writer-only: whether a record of this many bytes, arriving at this time (at or after every arrival held),
     * fits without passing the segment's limits: its size and record count, and an arrival within {@link
     * Integer#MAX_VALUE} ms of {@link #baseArrival}.
     */
    boolean fits(int recordBytes, long arrivalMillis) {
        return count < maxRecords && usedBytes + (long) recordBytes <= maxBytes && deltaFits(arrivalMillis);
    }

    /**
     * Whether the arrival can be stored as an int delta from {@link #baseArrival}. The difference is compared
     * unsigned, so an arrival before the base, or one too far after it for a long subtraction, does not fit.
     */
    private boolean deltaFits(long arrivalMillis) {
        return Long.compareUnsigned(arrivalMillis - baseArrival, Integer.MAX_VALUE) <= 0;
    }

    /**
     * Writer-only: the columns needed to hold one more record of {@code recordBytes}, or the current columns
     * when they already have room. The caller reserves the difference in footprint before calling
     * {@link #append}.
     */
    Columns grownFor(int recordBytes) {
        Columns current = columns;
        int neededBytes = usedBytes + recordBytes;
        int byteCapacity = current.bytes.length;
        int recordCapacity = current.arrivalDeltas.length;
        if (neededBytes <= byteCapacity && count < recordCapacity) {
            return current;
        }
        byte[] bytes = current.bytes;
        if (neededBytes > byteCapacity) {
            int capacity = byteCapacity;
            while (capacity < neededBytes) {
                capacity = (int) Math.min(maxBytes, 2L * capacity);
            }
            bytes = Arrays.copyOf(current.bytes, capacity);
        }
        int[] arrivalDeltas = current.arrivalDeltas;
        int[] offsets = current.offsets;
        short[] keyLengths = current.keyLengths;
        if (count >= recordCapacity) {
            int capacity = Math.min(maxRecords, recordCapacity * 2);
            arrivalDeltas = Arrays.copyOf(arrivalDeltas, capacity);
            offsets = Arrays.copyOf(offsets, capacity + 1);
            keyLengths = Arrays.copyOf(keyLengths, capacity);
        }
        return new Columns(bytes, arrivalDeltas, offsets, keyLengths);
    }

    /**
     * Writer-only: stores one record into {@code target} (from {@link #grownFor}) and publishes it; the record
     * must {@link #fits fit}.
     */
    void append(Columns target, byte[] key, byte[] data, long arrivalMillis, boolean encrypted) {
        if (!deltaFits(arrivalMillis)) {
            throw new IllegalStateException("arrival " + arrivalMillis + " is not within an int of " + baseArrival);
        }
        int slot = count;
        int offset = usedBytes;
        System.arraycopy(key, 0, target.bytes, offset, key.length);
        System.arraycopy(data, 0, target.bytes, offset + key.length, data.length);
        target.arrivalDeltas[slot] = (int) (arrivalMillis - baseArrival);
        target.keyLengths[slot] = (short) (key.length | (encrypted ? ENCRYPTED : 0));
        target.offsets[slot] = offset;
        target.offsets[slot + 1] = offset + key.length + data.length;
        usedBytes = offset + key.length + data.length;
        if (target != columns) {
            columns = target;
        }
        count = slot + 1;
    }

    /** Writer-only: the columns cut to exactly the records held, for a segment that takes no more. */
    Columns sealed() {
        Columns current = columns;
        int n = count;
        return new Columns(
                Arrays.copyOf(current.bytes, usedBytes),
                Arrays.copyOf(current.arrivalDeltas, n),
                Arrays.copyOf(current.offsets, n + 1),
                Arrays.copyOf(current.keyLengths, n));
    }

    /** Writer-only: switches to columns from {@link #sealed}; same contents, so readers are unaffected. */
    void replaceColumns(Columns same) {
        columns = same;
    }

    /** The arrival time, epoch milliseconds, of the record in a slot below the published count. */
    long arrival(Columns cols, int slot) {
        return baseArrival + cols.arrivalDeltas[slot];
    }

    /** The first slot below {@code limit} whose arrival is at or after the time; {@code limit} if none. */
    int slotAtOrAfter(Columns cols, int limit, long arrivalMillis) {
        int low = 0;
        int high = limit;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (arrival(cols, mid) < arrivalMillis) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Data plus partition-key bytes of the record in a slot. */
    static int recordBytes(Columns cols, int slot) {
        return cols.offsets[slot + 1] - cols.offsets[slot];
    }

    StoredRecord record(Columns cols, int slot) {
        int offset = cols.offsets[slot];
        int keyField = cols.keyLengths[slot] & 0xFFFF;
        int keyLength = keyField & KEY_LENGTH;
        String key = new String(cols.bytes, offset, keyLength, StandardCharsets.UTF_8);
        int dataOffset = offset + keyLength;
        RecordData data = RecordData.view(cols.bytes, dataOffset, cols.offsets[slot + 1] - dataOffset);
        return new StoredRecord(basePosition + slot, arrival(cols, slot), key, data, (keyField & ENCRYPTED) != 0);
    }
}
