package dev.runnel.records;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.Messages;
import dev.runnel.core.hash.HashKey;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.TrafficMeter;
import dev.runnel.streams.StreamLookup;
import dev.runnel.throttling.Throttler;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The data plane: PutRecord, PutRecords and GetRecords. Records are routed by hash key to the open shard
 * that owns it and appended to that shard's log; sequence numbers encode the log position. Thread-safe;
 * each shard log serialises its own appends, so there is no lock across shards.
 */
public class RecordService {

    /** GetRecords' largest and default Limit. */
    public static final int MAX_GET_LIMIT = 10_000;
    /** The most data plus partition-key bytes one GetRecords call returns (one larger record still goes). */
    public static final long MAX_GET_BYTES = 10L * 1024 * 1024;

    private final StreamLookup streams;
    private final ShardIteratorService iterators;
    private final InstantSource clock;
    private final TrafficMeter traffic;
    private final ShardWriter writer;
    private final ShardReader reader;

    /**
     * @param traffic where each shard's writes, reads and throttles are counted
     * @param throttler the per-shard throughput limits
     */
    public RecordService(
            StreamLookup streams,
            ShardIteratorService iterators,
            InstantSource clock,
            TrafficMeter traffic,
            Throttler throttler) {
        this(streams, iterators, clock, traffic, throttler, ReadMemoryBudget.unlimited());
    }

    /** @param reads the bytes the pages read may hold at once; a page waits briefly for room, then is refused */
    public RecordService(
            StreamLookup streams,
            ShardIteratorService iterators,
            InstantSource clock,
            TrafficMeter traffic,
            Throttler throttler,
            ReadMemoryBudget reads) {
        this.streams = streams;
        this.iterators = iterators;
        this.clock = clock;
        this.traffic = traffic;
        this.writer = new ShardWriter(streams, traffic, throttler);
        this.reader = new ShardReader(streams, iterators, traffic, throttler, reads);
    }

    /** PutRecord. */
    public PutResult put(PutRecordCommand command) {
        Instant now = clock.instant();
        Stream stream = writable(command.stream(), now);
        Constraints check = Constraints.check();
        RecordInput record = RecordRouting.keyed(stream, command.record(), check, "");
        check.throwIfInvalid();
        HashKey hashKey = RecordRouting.hashKeyOf(stream, record);
        int size = checkSize(stream, record);
        if (command.sequenceNumberForOrdering() != null) {
            checkOrdering(stream, stream.route(hashKey), command.sequenceNumberForOrdering());
        }
        PutResult result = writer.write(stream, new ShardWriter.Write(record, hashKey, size), now);
        traffic.stream(stream.incarnation()).putRecordSucceeded();
        return result;
    }

    /**
     * PutRecords. Request-wide problems (unknown stream, a hash key out of range, an oversized record or
     * request) reject the whole request before anything is written; after that each record succeeds or
     * fails on its own, and the results keep request order.
     */
    public PutRecordsResult putAll(PutRecordsCommand command) {
        Instant now = clock.instant();
        Stream stream = writable(command.stream(), now);
        Constraints check = Constraints.check();
        List<RecordInput> records = new ArrayList<>(command.records().size());
        for (int i = 0; i < command.records().size(); i++) {
            records.add(RecordRouting.keyed(stream, command.records().get(i), check, "records." + (i + 1) + "."));
        }
        check.throwIfInvalid();
        List<ShardWriter.Write> writes = new ArrayList<>(records.size());
        long total = 0;
        for (RecordInput record : records) {
            int size = checkSize(stream, record);
            writes.add(new ShardWriter.Write(record, RecordRouting.hashKeyOf(stream, record), size));
            total += size;
        }
        if (total > PutRecordsCommand.MAX_REQUEST_BYTES) {
            throw new InvalidArgumentException("Records size exceeds " + PutRecordsCommand.MAX_REQUEST_BYTES
                    + " bytes limit for the request: " + total + " bytes of data and partition keys were sent.");
        }
        List<PutRecordsResult.Entry> entries = writer.writeAll(stream, writes, now);
        int failed =
                (int) entries.stream().filter(PutRecordsResult.Entry::isFailure).count();
        if (failed < records.size()) {
            traffic.stream(stream.incarnation()).putRecordsSucceeded();
        }
        return new PutRecordsResult(failed, entries, stream.isEncrypted());
    }

    /** GetRecords through an iterator of any stream; see {@link #getRecords(String, Integer, StreamName)}. */
    public GetRecordsResult getRecords(String shardIterator, Integer limit) {
        return getRecords(shardIterator, limit, null);
    }

    /**
     * GetRecords.
     *
     * @param limit at most this many records, 1 … 10000; null for 10000
     * @param expectedStream when not null, the stream the caller believes the iterator reads; a mismatch is
     *     an InvalidArgumentException
     */
    public GetRecordsResult getRecords(String shardIterator, Integer limit, StreamName expectedStream) {
        Constraints check = Constraints.check();
        checkGetRecords(check, shardIterator, limit);
        check.throwIfInvalid();
        Instant now = clock.instant();
        ShardCursor cursor = iterators.open(shardIterator, now);
        Stream stream = cursor.stream();
        if (expectedStream != null && !expectedStream.equals(stream.name())) {
            throw new InvalidArgumentException(
                    "The shard iterator reads stream " + stream.name() + ", not stream " + expectedStream + ".");
        }
        return reader.getRecords(cursor, limit == null ? MAX_GET_LIMIT : limit, now);
    }

    /**
     * The one place of GetRecords' argument rules (an iterator of 1 to 512 characters, a limit of 1 to 10000
     * or none): adds their violations. The AWS edge calls it to report them together with its other members'.
     */
    public static void checkGetRecords(Constraints check, String shardIterator, Integer limit) {
        if (check.required("shardIterator", shardIterator)) {
            check.length("shardIterator", shardIterator, 1, 512);
        }
        check.range("limit", limit, 1, MAX_GET_LIMIT);
    }

    /**
     * Reads a shard for the console: GetShardIterator and one GetRecords in a single step, with their checks
     * and error messages, but neither throttled nor counted as traffic, and nothing is noted about the
     * reader, so looking at a stream does not change what Runnel reports about it.
     *
     * @param limit at most this many records, 1 … 10000
     */
    public RecordsBrowsed browse(StreamName name, String shardId, StartingPosition start, int limit) {
        Constraints.check().range("limit", limit, 1, MAX_GET_LIMIT).throwIfInvalid();
        Instant now = clock.instant();
        return browse(iterators.locate(name, shardId, start, now), limit, now);
    }

    /**
     * The newest records of a shard, oldest first, for a live tail; like {@link #browse} neither throttled nor
     * counted.
     *
     * @param count at most this many records, 1 … 10000
     */
    public RecordsBrowsed newest(StreamName name, String shardId, int count) {
        Constraints.check().range("count", count, 1, MAX_GET_LIMIT).throwIfInvalid();
        Instant now = clock.instant();
        ShardCursor horizon = iterators.locate(name, shardId, new StartingPosition.TrimHorizon(), now);
        long start = Math.max(horizon.position(), horizon.log().endPosition() - count);
        return browse(new ShardCursor(horizon.stream(), horizon.shard(), horizon.log(), start), count, now);
    }

    private RecordsBrowsed browse(ShardCursor cursor, int limit, Instant now) {
        return reader.browse(cursor, limit, now);
    }

    private Stream writable(StreamName name, Instant now) {
        return streams.find(name, now)
                .filter(stream -> stream.acceptsDataAt(now))
                .orElseThrow(() -> Messages.streamNotFound(name.value(), streams.account()));
    }

    /** The record's size (data plus partition key), checked against the stream's maximum. */
    private int checkSize(Stream stream, RecordInput record) {
        int size = record.sizeBytes();
        if (size > stream.maxRecordSizeBytes()) {
            throw new InvalidArgumentException("Record size " + size + " bytes (data plus partition key) exceeds "
                    + "the maximum record size of " + stream.maxRecordSizeBytes() + " bytes (MaxRecordSizeInKiB "
                    + stream.maxRecordSizeKiB() + ") of stream " + stream.name() + " under account "
                    + streams.account() + ".");
        }
        return size;
    }

    /**
     * The new record's number must exceed the given one. Positions grow along a shard and shard indexes grow
     * with resharding, so that holds unless the number belongs to another stream, to a later shard, or to a
     * position this shard has not reached.
     */
    private void checkOrdering(Stream stream, Shard shard, String text) {
        boolean valid = SequenceNumber.parse(text)
                .filter(n -> n.incarnation() == stream.incarnation())
                .filter(n -> n.shardIndex() < shard.id().index()
                        || (n.shardIndex() == shard.id().index()
                                && n.position()
                                        < streams.log(stream, shard.id()).endPosition()))
                .isPresent();
        if (!valid) {
            throw new InvalidArgumentException(
                    "ExclusiveMinimumSequenceNumber " + text + " used in PutRecord on stream " + stream.name()
                            + " under account " + streams.account() + " is invalid.");
        }
    }
}
