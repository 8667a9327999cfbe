package dev.runnel.storage.file;

import dev.runnel.core.error.KinesisException;
import dev.runnel.storage.AppendResult;
import dev.runnel.storage.ShardLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * One append call waiting for its turn in a log's group commit: the records, and once a writer took them, where
 * they landed or why they failed. Its state is written and read under the log's writer lock.
 */
final class PendingAppend {

    final long nowMillis;
    private final List<ShardLog.Append> records;
    private final byte[][] keys;
    private final long bytes;
    private List<AppendResult> results;
    private RuntimeException failure;
    private boolean done;

    /** @throws IllegalArgumentException when a partition key is too long for a frame */
    PendingAppend(List<ShardLog.Append> records, long nowMillis) {
        this.records = records;
        this.nowMillis = nowMillis;
        this.keys = new byte[records.size()][];
        long total = 0;
        for (int i = 0; i < keys.length; i++) {
            keys[i] = RecordFrame.keyBytes(records.get(i).partitionKey());
            total += RecordFrame.frameBytes(keys[i].length, records.get(i).data().length);
        }
        this.bytes = total;
    }

    /**
     * Takes every queued call: those the log refuses now ({@code refusal} gives the reason, null when it takes
     * appends) or the disk has no room for fail at once; the rest, in queue order, are the group to write.
     *
     * @param storeBytes the bytes the store holds now
     */
    static List<PendingAppend> drain(
            Queue<PendingAppend> queue, Supplier<RuntimeException> refusal, DiskSpace space, long storeBytes) {
        List<PendingAppend> group = new ArrayList<>();
        long admitted = 0;
        for (PendingAppend next = queue.poll(); next != null; next = queue.poll()) {
            RuntimeException refused = refusal.get();
            if (refused != null) {
                next.fail(refused);
                continue;
            }
            try {
                space.reserve(next.bytes, storeBytes + admitted);
                admitted += next.bytes;
                group.add(next);
            } catch (KinesisException full) {
                next.fail(full);
            }
        }
        return group;
    }

    /** Bytes of frames the records take on disk. */
    long bytes() {
        return bytes;
    }

    /**
     * Adds the records to the batch from {@code position}, all with the arrival time given.
     *
     * @return the position after the last record
     */
    long stage(SegmentBatch batch, long position, long arrivalMillis) throws IOException {
        List<AppendResult> landed = new ArrayList<>(keys.length);
        long next = position;
        for (int i = 0; i < keys.length; i++) {
            ShardLog.Append record = records.get(i);
            batch.add(next, arrivalMillis, record.encrypted(), keys[i], record.data());
            landed.add(new AppendResult(next, arrivalMillis));
            next++;
        }
        results = landed;
        return next;
    }

    boolean isDone() {
        return done;
    }

    /** The records were written (and forced, per the policy) and published. */
    void succeed() {
        done = true;
    }

    /** Nothing of the call was appended. */
    void fail(RuntimeException cause) {
        failure = cause;
        results = null;
        done = true;
    }

    /** Where the records landed, in call order; throws the failure when they were not appended. */
    List<AppendResult> results() {
        if (failure != null) {
            throw failure;
        }
        return results;
    }
}
