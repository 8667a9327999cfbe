package dev.runnel.records;

import dev.runnel.core.error.ProvisionedThroughputExceededException;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.record.StoredRecord;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Retention;
import dev.runnel.core.stream.Stream;
import dev.runnel.insight.ShardTraffic;
import dev.runnel.insight.TrafficMeter;
import dev.runnel.storage.ShardLog;
import dev.runnel.streams.StreamLookup;
import dev.runnel.throttling.ByteBudget;
import dev.runnel.throttling.Throttler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads pages of a shard for GetRecords and the console: throttles GetRecords against its shard's limits, reads
 * the log (views of the stored bytes, no copies), takes the page's bytes from the {@link ReadMemoryBudget}, and
 * counts the traffic. The page holds its lease until the edge that writes it closes it. Thread-safe.
 */
final class ShardReader {

    private final StreamLookup streams;
    private final ShardIteratorService iterators;
    private final TrafficMeter traffic;
    private final Throttler throttler;
    private final ReadMemoryBudget budget;

    ShardReader(
            StreamLookup streams,
            ShardIteratorService iterators,
            TrafficMeter traffic,
            Throttler throttler,
            ReadMemoryBudget budget) {
        this.streams = streams;
        this.iterators = iterators;
        this.traffic = traffic;
        this.throttler = throttler;
        this.budget = budget;
    }

    /**
     * One GetRecords page from the cursor.
     *
     * @throws ProvisionedThroughputExceededException when the shard's read limits refuse the call, or the read
     *     budget has no room for the page within its wait
     */
    GetRecordsResult getRecords(ShardCursor cursor, int limit, Instant now) {
        Stream stream = cursor.stream();
        ShardId shardId = cursor.shard().id();
        ShardTraffic shardTraffic = traffic.shard(stream.incarnation(), shardId);
        if (!throttler.tryRead(stream.incarnation(), shardId)) {
            shardTraffic.recordThrottle(now.getEpochSecond(), ShardTraffic.Measure.READ_THROTTLES);
            throw ShardWriter.rateExceeded(stream, shardId, streams.account());
        }
        long cutoff = Retention.cutoffMillis(now.toEpochMilli(), stream.retentionHours());
        List<StoredRecord> stored = cursor.log().read(cursor.position(), limit, RecordService.MAX_GET_BYTES, cutoff);
        long bytes = bytesOf(stored);
        ByteBudget.Lease lease = budget.acquire(bytes);
        if (lease == null) {
            shardTraffic.recordThrottle(now.getEpochSecond(), ShardTraffic.Measure.READ_THROTTLES);
            throw budgetFull(stream, shardId, bytes);
        }
        try {
            throttler.chargeRead(stream.incarnation(), shardId, bytes);
            shardTraffic.recordRead(now.getEpochSecond(), stored.size(), bytes);
            return page(cursor, stored, cutoff, now, lease);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    private GetRecordsResult page(
            ShardCursor cursor, List<StoredRecord> stored, long cutoff, Instant now, ByteBudget.Lease lease) {
        Stream stream = cursor.stream();
        Shard shard = cursor.shard();
        ShardLog log = cursor.log();
        List<RecordView> records = views(stream, shard, stored);
        long next = stored.isEmpty()
                ? Math.max(cursor.position(), log.positionAtOrAfter(cutoff))
                : stored.get(stored.size() - 1).position() + 1;
        boolean caughtUp = next >= log.endPosition();
        long millisBehind = caughtUp || stored.isEmpty()
                ? 0
                : Math.max(0, now.toEpochMilli() - stored.get(stored.size() - 1).arrivalMillis());
        traffic.shard(stream.incarnation(), shard.id()).recordIteratorAge(millisBehind);
        boolean shardEnded = !shard.isOpen() && next >= shard.endPosition();
        String nextIterator = shardEnded ? null : iterators.issue(stream, shard.id(), next, now);
        List<Shard> children = shardEnded ? stream.children(shard.id()) : List.of();
        return new GetRecordsResult(records, nextIterator, millisBehind, children, lease);
    }

    /**
     * Records for the console from the cursor, neither throttled nor counted as traffic.
     *
     * @throws ProvisionedThroughputExceededException when the read budget has no room for them within its wait
     */
    RecordsBrowsed browse(ShardCursor cursor, int limit, Instant now) {
        Stream stream = cursor.stream();
        Shard shard = cursor.shard();
        long cutoff = Retention.cutoffMillis(now.toEpochMilli(), stream.retentionHours());
        List<StoredRecord> stored = cursor.log().read(cursor.position(), limit, RecordService.MAX_GET_BYTES, cutoff);
        long bytes = bytesOf(stored);
        ByteBudget.Lease lease = budget.acquire(bytes);
        if (lease == null) {
            throw budgetFull(stream, shard.id(), bytes);
        }
        long next = stored.isEmpty()
                ? cursor.position()
                : stored.get(stored.size() - 1).position() + 1;
        return new RecordsBrowsed(
                views(stream, shard, stored),
                next >= cursor.log().endPosition(),
                !shard.isOpen() && next >= shard.endPosition(),
                lease);
    }

    /** Data plus partition-key bytes of the records: what a read holds, and what the read budget counts. */
    static long bytesOf(List<StoredRecord> records) {
        long bytes = 0;
        for (StoredRecord record : records) {
            bytes += record.sizeBytes();
        }
        return bytes;
    }

    static List<RecordView> views(Stream stream, Shard shard, List<StoredRecord> stored) {
        List<RecordView> views = new ArrayList<>(stored.size());
        for (StoredRecord record : stored) {
            views.add(view(stream, shard, record));
        }
        return Collections.unmodifiableList(views);
    }

    static RecordView view(Stream stream, Shard shard, StoredRecord record) {
        return new RecordView(
                SequenceNumber.of(stream, shard.id(), record.position()),
                Instant.ofEpochMilli(record.arrivalMillis()),
                record.partitionKey(),
                record.data(),
                record.encrypted());
    }

    /**
     * The read budget had no room for a page within its wait: Kinesis's throttling error, with its wording first,
     * which the AWS SDKs and KCL retry with backoff (a REST client gets 429 with Retry-After).
     */
    private ProvisionedThroughputExceededException budgetFull(Stream stream, ShardId shardId, long bytes) {
        return new ProvisionedThroughputExceededException("Rate exceeded for shard " + shardId + " in stream "
                + stream.name() + " under account " + streams.account() + ". Reads in flight hold "
                + budget.usedBytes() + " of the " + budget.maxBytes() + " bytes Runnel lets reads hold at once "
                + "(runnel.storage.max-read-bytes); this read of " + bytes + " bytes waited "
                + budget.maxWaitMillis() + " ms for room. Retry shortly.");
    }
}
