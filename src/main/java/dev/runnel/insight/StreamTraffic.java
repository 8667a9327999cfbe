package dev.runnel.insight;

import java.util.concurrent.atomic.LongAdder;

/** Stream-wide call counts, as Kinesis's stream-level metrics count them. Thread-safe. */
public final class StreamTraffic {

    private final LongAdder putRecordSuccess = new LongAdder();
    private final LongAdder putRecordsSuccess = new LongAdder();

    /** A PutRecord call stored its record. */
    public void putRecordSucceeded() {
        putRecordSuccess.increment();
    }

    /** A PutRecords call stored at least one of its records. */
    public void putRecordsSucceeded() {
        putRecordsSuccess.increment();
    }

    public long putRecordSuccesses() {
        return putRecordSuccess.sum();
    }

    public long putRecordsSuccesses() {
        return putRecordsSuccess.sum();
    }
}
