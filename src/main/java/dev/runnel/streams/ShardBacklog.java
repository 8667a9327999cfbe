package dev.runnel.streams;

import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.record.StoredRecord;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Retention;
import dev.runnel.core.stream.Stream;
import dev.runnel.storage.ShardLog;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How far a consumer of one shard is behind the shard's newest record, given where it stands (a checkpoint): how
 * many records it has not processed yet and how long ago the oldest of them arrived. Records past the stream's
 * retention period count as gone, whether or not their storage was freed yet. It reads the shard's log directly,
 * so asking is neither throttled nor counted as traffic. Thread-safe; it holds no state of its own.
 */
public final class ShardBacklog {

    /**
     * The unprocessed part of a shard.
     *
     * @param records retained records from the consumer's position (exclusive of what it processed) up to the
     *     shard's end as seen at the call
     * @param millisBehind now minus the arrival time of the oldest of them, in milliseconds; 0 when there are none
     */
    public record Backlog(long records, long millisBehind) {

        /** Nothing left to process. */
        public static final Backlog NONE = new Backlog(0, 0);

        public boolean caughtUp() {
            return records == 0;
        }
    }

    private final StreamLookup lookup;

    /** @param lookup the streams and shard logs of one region */
    public ShardBacklog(StreamLookup lookup) {
        this.lookup = lookup;
    }

    /**
     * Every retained record of the shard is unprocessed: a consumer that starts at TRIM_HORIZON and has not
     * checkpointed yet.
     *
     * @return empty when the stream has no such shard (any more) or its log is gone
     */
    public Optional<Backlog> all(Stream stream, ShardId shard, Instant now) {
        return from(stream, shard, 0, now);
    }

    /**
     * What is left after a checkpointed sequence number: the records after the one it names. A number made by
     * {@link SequenceNumber#before} (a fan-out continuation that names no record) leaves the record it precedes
     * unprocessed.
     *
     * @return empty when the text is not a number of this shard of this incarnation of the stream (another shard
     *     or stream, a deleted and re-created stream, not a number Runnel issues), or the shard or its log is gone
     */
    public Optional<Backlog> afterSequenceNumber(Stream stream, ShardId shard, String sequenceNumber, Instant now) {
        Optional<SequenceNumber> named = SequenceNumber.parse(sequenceNumber);
        if (named.isPresent()) {
            return ofShard(stream, shard, named.get()).flatMap(n -> from(stream, shard, n.position() + 1, now));
        }
        return SequenceNumber.parseBefore(sequenceNumber)
                .flatMap(n -> ofShard(stream, shard, n))
                .flatMap(n -> from(stream, shard, n.position(), now));
    }

    /**
     * The records from {@code firstUnprocessed} (inclusive) to the shard's end.
     *
     * @param firstUnprocessed a position in the shard's log; positions below its start (trimmed or expired records)
     *     count from the oldest retained record
     * @return empty when the stream has no such shard (any more) or its log is gone
     */
    public Optional<Backlog> from(Stream stream, ShardId shard, long firstUnprocessed, Instant now) {
        if (stream.shard(shard).isEmpty()) {
            return Optional.empty();
        }
        ShardLog log;
        try {
            log = lookup.log(stream, shard);
        } catch (ResourceNotFoundException gone) {
            return Optional.empty();
        }
        long nowMillis = now.toEpochMilli();
        long cutoff = Retention.cutoffMillis(nowMillis, stream.retentionHours());
        long end = log.endPosition();
        long start = Math.max(firstUnprocessed, log.positionAtOrAfter(cutoff));
        if (start >= end) {
            return Optional.of(Backlog.NONE);
        }
        List<StoredRecord> oldest = log.read(start, 1, 1, cutoff);
        if (oldest.isEmpty()) {
            return Optional.of(Backlog.NONE);
        }
        StoredRecord first = oldest.get(0);
        return Optional.of(
                new Backlog(Math.max(0, end - first.position()), Math.max(0, nowMillis - first.arrivalMillis())));
    }

    private static Optional<SequenceNumber> ofShard(Stream stream, ShardId shard, SequenceNumber number) {
        return number.incarnation() == stream.incarnation() && number.shardIndex() == shard.index()
                ? Optional.of(number)
                : Optional.empty();
    }
}
