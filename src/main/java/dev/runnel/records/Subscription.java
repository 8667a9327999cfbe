package dev.runnel.records;

import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.record.StoredRecord;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.stream.Retention;
import dev.runnel.core.stream.Stream;
import dev.runnel.insight.ShardTraffic;
import dev.runnel.storage.ShardLog;
import dev.runnel.streams.ConsumerService.ConsumerRef;
import dev.runnel.throttling.ByteBudget;
import dev.runnel.throttling.FanOutPacer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One SubscribeToShard call: a consumer's reading position on a shard, from which the AWS edge pulls the events
 * it pushes. Records are read from the shard's log as they are appended ({@link #awaitRecords} waits without a
 * thread); each event holds what arrived since the last one, up to {@link #MAX_EVENT_RECORDS} records and
 * {@link #MAX_EVENT_BYTES} bytes, so a subscription holds at most one event's records at a time, and those in
 * the {@link ReadMemoryBudget}.
 *
 * <p>Not thread-safe: its driver calls it from one thread at a time; only {@link #cancel} (and the takeover by a
 * newer subscription) may come from other threads, and {@link #view} from any thread: what it shows is published
 * by the driver as one immutable {@link Progress} through a volatile field.
 */
public final class Subscription {

    /** The most records one event carries, as GetRecords. */
    public static final int MAX_EVENT_RECORDS = 10_000;
    /** The most data plus partition-key bytes one event carries (one larger record still goes alone). */
    public static final long MAX_EVENT_BYTES = 1024 * 1024;

    private final Subscriptions owner;
    private final ConsumerRef ref;
    private final String consumerArn;
    private final Shard initialShard;
    private final ShardLog log;
    private final Instant endsAt;
    private final FanOutPacer pacer;
    private final ShardTraffic traffic;
    private final Instant startedAt;
    private Stream stream;
    private long position;
    private boolean delivered;
    private boolean heldBack;
    private volatile Progress progress = Progress.NONE;
    private volatile boolean takenOver;
    private volatile boolean cancelled;

    /**
     * What the subscription pushed so far, for readers on other threads; replaced whole after each event.
     *
     * @param millisBehindLatest of the last event; null before the first
     */
    private record Progress(long records, long bytes, Long millisBehindLatest) {

        static final Progress NONE = new Progress(0, 0, null);

        Progress after(long eventRecords, long eventBytes, long eventMillisBehind) {
            return eventRecords == 0 && millisBehindLatest != null && millisBehindLatest == eventMillisBehind
                    ? this
                    : new Progress(records + eventRecords, bytes + eventBytes, eventMillisBehind);
        }
    }

    Subscription(
            Subscriptions owner,
            ConsumerRef ref,
            String consumerArn,
            ShardCursor cursor,
            Instant startedAt,
            Instant endsAt,
            FanOutPacer pacer,
            ShardTraffic traffic) {
        this.owner = owner;
        this.ref = ref;
        this.consumerArn = consumerArn;
        this.stream = cursor.stream();
        this.initialShard = cursor.shard();
        this.log = cursor.log();
        this.position = cursor.position();
        this.startedAt = startedAt;
        this.endsAt = endsAt;
        this.pacer = pacer;
        this.traffic = traffic;
    }

    /**
     * What one event pushes.
     *
     * @param continuationSequenceNumber where to resume (AFTER it); null in the last event of a shard read to its
     *     end
     * @param childShards the shards that continue a closed shard, in its last event; empty otherwise
     * @param bytes data plus partition-key bytes of the records
     */
    public record Event(
            List<RecordView> records,
            String continuationSequenceNumber,
            long millisBehindLatest,
            List<Shard> childShards,
            long bytes,
            ByteBudget.Lease lease)
            implements AutoCloseable {

        /** An event holding no share of the read budget (one without records). */
        public Event(
                List<RecordView> records,
                String continuationSequenceNumber,
                long millisBehindLatest,
                List<Shard> childShards,
                long bytes) {
            this(records, continuationSequenceNumber, millisBehindLatest, childShards, bytes, ByteBudget.Lease.NONE);
        }

        /** Whether this is the last event: the shard is closed and every record of it was delivered. */
        public boolean endsShard() {
            return continuationSequenceNumber == null;
        }

        /** Gives the event's bytes back to the read budget, once it has been written; idempotent. */
        @Override
        public void close() {
            lease.close();
        }
    }

    /**
     * The next event: the records appended since the last one, or, when there are none, an empty event if {@code
     * idle} (the caller waited long enough), else null. Once the shard is closed and read to its end, the last
     * event names its children. An event with records holds their bytes in the read budget until it is closed;
     * when the budget has no room for them, this returns null and {@link #heldBack()} is true: the caller tries
     * again a little later (fan-out is paced, never refused, by memory as by throughput).
     *
     * @throws ResourceNotFoundException when the stream was deleted or the consumer deregistered meanwhile
     * @throws ResourceInUseException when a newer subscription of the same consumer and shard took over
     */
    public Event next(boolean idle) {
        if (takenOver) {
            throw new ResourceInUseException("Another active subscription exists for consumer " + consumerArn
                    + " on shard " + initialShard.id() + "; this one ended.");
        }
        Instant now = owner.now();
        stream = owner.latest(stream, now);
        owner.requireReadable(stream, ref, now);
        Shard shard = stream.shard(initialShard.id()).orElse(initialShard);
        long cutoff = Retention.cutoffMillis(now.toEpochMilli(), stream.retentionHours());
        List<StoredRecord> stored = log.read(position, MAX_EVENT_RECORDS, MAX_EVENT_BYTES, cutoff);
        heldBack = false;
        if (stored.isEmpty()) {
            position = Math.max(position, log.positionAtOrAfter(cutoff));
            if (!shard.isOpen() && position >= shard.endPosition()) {
                return published(new Event(List.of(), null, 0, stream.children(shard.id()), 0));
            }
            return idle ? published(new Event(List.of(), continuation(), 0, List.of(), 0)) : null;
        }
        long bytes = ShardReader.bytesOf(stored);
        ByteBudget.Lease lease = owner.reads().tryAcquire(bytes);
        heldBack = lease == null;
        if (heldBack) {
            return null;
        }
        List<RecordView> records = ShardReader.views(stream, shard, stored);
        StoredRecord last = stored.get(stored.size() - 1);
        position = last.position() + 1;
        delivered = true;
        long millisBehind = position >= log.endPosition() ? 0 : Math.max(0, now.toEpochMilli() - last.arrivalMillis());
        traffic.recordFanOut(now.getEpochSecond(), records.size(), bytes);
        return published(new Event(records, continuation(), millisBehind, List.of(), bytes, lease));
    }

    /** Whether the last {@link #next} found records but the read budget had no room for them. */
    public boolean heldBack() {
        return heldBack;
    }

    private Event published(Event event) {
        progress = progress.after(event.records().size(), event.bytes(), event.millisBehindLatest());
        return event;
    }

    /** What this subscription did so far, as seen from any thread. */
    public ActiveSubscription view() {
        Progress now = progress;
        return new ActiveSubscription(
                ref.name(),
                consumerArn,
                initialShard.id(),
                startedAt,
                now.millisBehindLatest(),
                now.records(),
                now.bytes());
    }

    /** Where a reader resumes: after the last record delivered, or just before the position reached. */
    private String continuation() {
        return delivered
                ? SequenceNumber.of(stream, initialShard.id(), position - 1).toString()
                : SequenceNumber.before(stream, initialShard.id(), position);
    }

    /**
     * Completes when a record past the last one delivered is appended (or the shard can get no more); the caller
     * bounds the wait and must not call {@link #next} from the completing thread (it is the appender's).
     */
    public CompletableFuture<Long> awaitRecords() {
        return log.awaitEnd(position);
    }

    /** Charges delivered bytes to the consumer's share of the shard; nanoseconds to wait before the next event. */
    public long pace(long bytes) {
        return pacer.charge(bytes);
    }

    /** When the subscription ends by itself (Kinesis: five minutes after it started). */
    public Instant endsAt() {
        return endsAt;
    }

    public String consumerArn() {
        return consumerArn;
    }

    /** Ends this subscription because a newer one of the same consumer and shard started. */
    void takeOver() {
        takenOver = true;
    }

    /** The client went away or the subscription ended; its resubscription guard stays. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
