package dev.runnel.insight;

/**
 * The traffic of one shard in one-second windows over the last minute, and in totals since the shard
 * began: bytes and records written, read by GetRecords and pushed to enhanced fan-out consumers, records
 * refused on write and GetRecords calls refused on read; plus the iterator age of its latest GetRecords. Windows are keyed by epoch second; a window older than a minute is reused. Each shard has its own
 * monitor, so recording never contends across shards. Thread-safe.
 */
public final class ShardTraffic {

    /** How many one-second windows are kept. */
    public static final int WINDOWS = 60;

    /**
     * What is counted. Bytes are data plus partition keys. {@code WRITE_THROTTLES} counts records refused by
     * the write limits (a refused PutRecord call, or a refused PutRecords entry, is one record);
     * {@code READ_THROTTLES} counts GetRecords calls refused by the read limits. {@code READ_*} are GetRecords
     * only, read against the shard's shared read limit; {@code FAN_OUT_*} count what SubscribeToShard pushed to
     * every consumer together (each consumer has its own throughput, so they are kept apart).
     */
    public enum Measure {
        WRITE_BYTES,
        WRITE_RECORDS,
        READ_BYTES,
        READ_RECORDS,
        WRITE_THROTTLES,
        READ_THROTTLES,
        FAN_OUT_BYTES,
        FAN_OUT_RECORDS
    }

    private static final int MEASURES = Measure.values().length;

    private final long[] seconds = new long[WINDOWS];
    private final long[] counts = new long[WINDOWS * MEASURES];
    private final long[] totals = new long[MEASURES];
    private volatile long iteratorAgeMillis;
    private volatile long recordsMissedByLatest;
    private volatile long latestStartSecond;
    private final HeavyHitters keys = new HeavyHitters(HEAVY_HITTERS);

    /** Partition keys tracked per shard by {@link HeavyHitters}. */
    public static final int HEAVY_HITTERS = 16;

    public ShardTraffic() {
        java.util.Arrays.fill(seconds, Long.MIN_VALUE);
    }

    /** Records a write of {@code records} records totalling {@code bytes} (data plus partition keys). */
    public void recordWrite(long epochSecond, long records, long bytes) {
        add(epochSecond, Measure.WRITE_RECORDS, records, Measure.WRITE_BYTES, bytes);
    }

    /** A reader took a LATEST iterator while {@code recordsBefore} retained records were already in the shard. */
    public void recordLatestStart(long epochSecond, long recordsBefore) {
        if (recordsBefore > 0) {
            latestStartSecond = epochSecond;
            recordsMissedByLatest = recordsBefore;
        }
    }

    /** Records the latest LATEST reader of the shard started too late to see; 0 when none did. */
    public long recordsMissedByLatest() {
        return recordsMissedByLatest;
    }

    /** When that reader started, epoch seconds. */
    public long latestStartSecond() {
        return latestStartSecond;
    }

    /** The shard's most written partition keys since it began. */
    public HeavyHitters keys() {
        return keys;
    }

    /** Records a GetRecords call that returned {@code records} records totalling {@code bytes}. */
    public void recordRead(long epochSecond, long records, long bytes) {
        add(epochSecond, Measure.READ_RECORDS, records, Measure.READ_BYTES, bytes);
    }

    /** Records a SubscribeToShard event that pushed {@code records} records totalling {@code bytes}. */
    public void recordFanOut(long epochSecond, long records, long bytes) {
        add(epochSecond, Measure.FAN_OUT_RECORDS, records, Measure.FAN_OUT_BYTES, bytes);
    }

    /** Counts one refusal: {@code which} is WRITE_THROTTLES for one refused record, READ_THROTTLES for one call. */
    public void recordThrottle(long epochSecond, Measure which) {
        add(epochSecond, which, 1, which, 0);
    }

    /** The total of one measure since the shard began. */
    public synchronized long total(Measure measure) {
        return totals[measure.ordinal()];
    }

    /** Notes how far behind the tip the latest read of the shard was (GetRecords' MillisBehindLatest). */
    public void recordIteratorAge(long millis) {
        iteratorAgeMillis = millis;
    }

    public long iteratorAgeMillis() {
        return iteratorAgeMillis;
    }

    /** The count of one measure in the window of {@code epochSecond}; 0 if that window is gone. */
    public synchronized long count(long epochSecond, Measure measure) {
        int window = window(epochSecond);
        return seconds[window] == epochSecond ? counts[window * MEASURES + measure.ordinal()] : 0;
    }

    /**
     * The total of one measure over the {@code length} whole seconds before {@code epochSecond} (which is
     * not counted, being under way), at most {@link #WINDOWS} of them.
     */
    public synchronized long sum(long epochSecond, int length, Measure measure) {
        long total = 0;
        for (long second = epochSecond - Math.min(length, WINDOWS - 1); second < epochSecond; second++) {
            int window = window(second);
            if (seconds[window] == second) {
                total += counts[window * MEASURES + measure.ordinal()];
            }
        }
        return total;
    }

    private synchronized void add(
            long epochSecond, Measure first, long firstAmount, Measure second, long secondAmount) {
        totals[first.ordinal()] += firstAmount;
        if (second != first) {
            totals[second.ordinal()] += secondAmount;
        }
        int window = window(epochSecond);
        if (seconds[window] != epochSecond) {
            if (seconds[window] > epochSecond) {
                return;
            }
            seconds[window] = epochSecond;
            java.util.Arrays.fill(counts, window * MEASURES, window * MEASURES + MEASURES, 0);
        }
        counts[window * MEASURES + first.ordinal()] += firstAmount;
        if (second != first) {
            counts[window * MEASURES + second.ordinal()] += secondAmount;
        }
    }

    private static int window(long epochSecond) {
        return (int) Math.floorMod(epochSecond, WINDOWS);
    }
}
