package dev.runnel.records;

import dev.runnel.core.error.InternalFailureException;
import dev.runnel.core.error.KinesisException;
import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.error.ProvisionedThroughputExceededException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.hash.HashKey;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.insight.ShardTraffic;
import dev.runnel.insight.TrafficMeter;
import dev.runnel.storage.AppendResult;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogSealedException;
import dev.runnel.streams.StreamLookup;
import dev.runnel.throttling.Throttler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes checked records to the open shards that own their hash keys: throttles each record against its
 * shard's limits, appends it (a PutRecords request's records for one shard in one batch append), counts the
 * traffic, and routes again with the stream's next version when a shard closes under the writer (its log is
 * sealed before the children are published), so a record lands in a child and nothing acknowledged is lost.
 * Thread-safe.
 */
final class ShardWriter {

    /** How often a write is routed again while a shard closes under it before giving up (about 10 s). */
    private static final int MAX_REROUTES = 10_000;

    private final StreamLookup streams;
    private final TrafficMeter traffic;
    private final Throttler throttler;

    ShardWriter(StreamLookup streams, TrafficMeter traffic, Throttler throttler) {
        this.streams = streams;
        this.traffic = traffic;
        this.throttler = throttler;
    }

    /**
     * One record a request writes.
     *
     * @param bytes data plus partition-key bytes, already checked against the stream's maximum
     */
    record Write(RecordInput record, HashKey hashKey, int bytes) {}

    /**
     * Writes one record.
     *
     * @throws ProvisionedThroughputExceededException when its shard's write limit refuses it
     * @throws ResourceNotFoundException when the stream was deleted meanwhile
     */
    PutResult write(Stream stream, Write write, Instant now) {
        Stream current = stream;
        for (int attempt = 0; ; attempt++) {
            Shard shard = current.route(write.hashKey());
            if (!admit(current, shard, write)) {
                throw rateExceeded(current, shard, now);
            }
            try {
                ShardLog log = streams.log(current, shard.id());
                AppendResult result = log.append(
                        write.record().partitionKey(),
                        write.record().data(),
                        now.toEpochMilli(),
                        current.isEncrypted());
                counted(current, shard.id(), List.of(write), now);
                return putResult(current, shard.id(), result);
            } catch (ResourceNotFoundException deletedMeanwhile) {
                throw streams.notFound(stream);
            } catch (ShardLogSealedException closedMeanwhile) {
                current = reroute(stream, attempt, now);
            }
        }
    }

    /**
     * Writes the records of a PutRecords request, each shard's records in one batch append. Every record
     * succeeds or fails on its own (its shard's write limit, the memory budget, the stream deleted meanwhile).
     *
     * @return one entry per write, in request order
     */
    List<PutRecordsResult.Entry> writeAll(Stream stream, List<Write> writes, Instant now) {
        PutRecordsResult.Entry[] entries = new PutRecordsResult.Entry[writes.size()];
        List<Integer> pending = new ArrayList<>(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            pending.add(i);
        }
        Stream current = stream;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            Map<Shard, List<Integer>> byShard = new LinkedHashMap<>();
            for (int i : pending) {
                Shard shard = current.route(writes.get(i).hashKey());
                if (admit(current, shard, writes.get(i))) {
                    byShard.computeIfAbsent(shard, s -> new ArrayList<>()).add(i);
                } else {
                    entries[i] = failed(rateExceeded(current, shard, now));
                }
            }
            List<Integer> closed = new ArrayList<>();
            for (Map.Entry<Shard, List<Integer>> batch : byShard.entrySet()) {
                if (!writeBatch(current, batch.getKey().id(), batch.getValue(), writes, entries, now)) {
                    closed.addAll(batch.getValue());
                }
            }
            pending = closed;
            if (!pending.isEmpty()) {
                try {
                    current = reroute(stream, attempt, now);
                } catch (KinesisException e) {
                    pending.forEach(i -> entries[i] = failed(e));
                    pending = List.of();
                }
            }
        }
        return List.of(entries);
    }

    /**
     * Appends one shard's share of a request and fills in its entries.
     *
     * @return false when the shard's log was sealed meanwhile and nothing was appended (route them again)
     */
    private boolean writeBatch(
            Stream stream,
            ShardId shard,
            List<Integer> indexes,
            List<Write> writes,
            PutRecordsResult.Entry[] entries,
            Instant now) {
        List<Write> batch = indexes.stream().map(writes::get).toList();
        List<AppendResult> appended;
        try {
            appended = streams.log(stream, shard)
                    .appendAll(
                            batch.stream()
                                    .map(w -> new ShardLog.Append(
                                            w.record().partitionKey(),
                                            w.record().data(),
                                            stream.isEncrypted()))
                                    .toList(),
                            now.toEpochMilli());
        } catch (ShardLogSealedException closedMeanwhile) {
            return false;
        } catch (ResourceNotFoundException deletedMeanwhile) {
            KinesisException gone = streams.notFound(stream);
            indexes.forEach(i -> entries[i] = failed(gone));
            return true;
        } catch (LimitExceededException firstDoesNotFit) {
            appended = List.of();
        }
        counted(stream, shard, batch.subList(0, appended.size()), now);
        for (int k = 0; k < indexes.size(); k++) {
            int i = indexes.get(k);
            entries[i] = k < appended.size()
                    ? PutRecordsResult.Entry.stored(putResult(stream, shard, appended.get(k)))
                    : retryAlone(stream, shard, writes.get(i), now);
        }
        return true;
    }

    /**
     * A record at or after the point where the memory budget ran out, appended alone: it may fit (it may be
     * smaller), and otherwise it fails with the budget's own message.
     */
    private PutRecordsResult.Entry retryAlone(Stream stream, ShardId shard, Write write, Instant now) {
        try {
            AppendResult result = streams.log(stream, shard)
                    .append(
                            write.record().partitionKey(),
                            write.record().data(),
                            now.toEpochMilli(),
                            stream.isEncrypted());
            counted(stream, shard, List.of(write), now);
            return PutRecordsResult.Entry.stored(putResult(stream, shard, result));
        } catch (KinesisException refused) {
            return failed(refused);
        } catch (ShardLogSealedException closedMeanwhile) {
            return failed(new InternalFailureException("Internal service failure."));
        }
    }

    private boolean admit(Stream stream, Shard shard, Write write) {
        return throttler.tryWrite(stream.incarnation(), shard.id(), 1, write.bytes());
    }

    /** Counts stored records as the shard's traffic and its partition keys. */
    private void counted(Stream stream, ShardId shard, List<Write> writes, Instant now) {
        ShardTraffic shardTraffic = traffic.shard(stream.incarnation(), shard);
        long bytes = 0;
        for (Write write : writes) {
            bytes += write.bytes();
            if (!write.record().partitionKey().isEmpty()) {
                shardTraffic.keys().offer(write.record().partitionKey(), write.hashKey(), 1);
            }
        }
        shardTraffic.recordWrite(now.getEpochSecond(), writes.size(), bytes);
    }

    /** Where a record was stored: its shard, its sequence number and the encryption it was stored with. */
    private static PutResult putResult(Stream stream, ShardId shard, AppendResult result) {
        return new PutResult(shard, SequenceNumber.of(stream, shard, result.position()), stream.isEncrypted());
    }

    private ProvisionedThroughputExceededException rateExceeded(Stream stream, Shard shard, Instant now) {
        traffic.shard(stream.incarnation(), shard.id())
                .recordThrottle(now.getEpochSecond(), ShardTraffic.Measure.WRITE_THROTTLES);
        return rateExceeded(stream, shard.id(), streams.account());
    }

    /** What a shard's read or write limit answers, in AWS's words. */
    static ProvisionedThroughputExceededException rateExceeded(Stream stream, ShardId shard, String account) {
        return new ProvisionedThroughputExceededException(
                "Rate exceeded for shard " + shard + " in stream " + stream.name() + " under account " + account + ".");
    }

    /** Kinesis's per-record codes: ProvisionedThroughputExceededException or InternalFailure (and ours). */
    private static PutRecordsResult.Entry failed(KinesisException e) {
        String code = e instanceof InternalFailureException ? "InternalFailure" : e.errorType();
        return PutRecordsResult.Entry.failed(code, e.getMessage());
    }

    /** The stream's latest version after a shard closed under a writer, once its children are published. */
    private Stream reroute(Stream stream, int attempt, Instant now) {
        if (attempt == MAX_REROUTES) {
            throw new InternalFailureException("Internal service failure.");
        }
        pause(attempt);
        return streams.latest(stream, now);
    }

    /** Between a shard's sealing and the publication of its children: spin briefly, then sleep. */
    private static void pause(int attempt) {
        if (attempt < 100) {
            Thread.onSpinWait();
            return;
        }
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalFailureException("Internal service failure.");
        }
    }
}
