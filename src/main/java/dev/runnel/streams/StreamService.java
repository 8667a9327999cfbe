package dev.runnel.streams;

import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.error.Messages;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Retention;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.core.stream.StreamStatus;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogStore;
import dev.runnel.storage.StreamCatalog;
import dev.runnel.system.RunnelProperties;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;

/**
 * Stream lifecycle: create, describe, list, delete and retention, plus the housekeeping that trims expired
 * records and removes deleted streams. Thread-safe; metadata changes are compare-and-set retries on the
 * catalog, never a global lock.
 */
@Service
public class StreamService {

    private static final int INCARNATION_RANDOM_BITS = 20;

    private final StreamCatalog catalog;
    private final ShardLogStore logs;
    private final InstantSource clock;
    private final RunnelProperties properties;
    private final SecureRandom random = new SecureRandom();

    public StreamService(StreamCatalog catalog, ShardLogStore logs, InstantSource clock, RunnelProperties properties) {
        this.catalog = catalog;
        this.logs = logs;
        this.clock = clock;
        this.properties = properties;
    }

    public Stream create(CreateStreamCommand command) {
        Instant now = clock.instant();
        checkShardLimit(command.shardCount(), now);
        Stream stream = Stream.create(command.name(), newIncarnation(now), command.shardCount(),
                command.retentionPeriodHours(), command.maxRecordSizeInKiB(), command.tags(), now,
                properties.streams().createDelay());
        for (Shard shard : stream.shards()) {
            logs.create(stream.incarnation(), shard.id());
        }
        while (!catalog.add(stream)) {
            Optional<Stream> existing = catalog.find(command.name());
            if (existing.isPresent() && !existing.get().isGoneAt(now)) {
                logs.drop(stream.incarnation());
                throw Messages.streamExists(command.name().value(), account());
            }
            existing.ifPresent(this::removeGone);
        }
        return stream;
    }

    /** The stream, in whatever state, unless it does not exist or has finished deleting. */
    public Stream describe(StreamName name) {
        return find(name, clock.instant()).orElseThrow(() -> Messages.streamNotFound(name.value(), account()));
    }

    /** The stream if it exists and has not finished deleting at {@code now}. */
    public Optional<Stream> find(StreamName name, Instant now) {
        return catalog.find(name).filter(stream -> !stream.isGoneAt(now));
    }

    public StreamPage list(StreamName exclusiveStart, int limit) {
        Instant now = clock.instant();
        List<Stream> page = new ArrayList<>(limit);
        StreamName after = exclusiveStart;
        boolean hasMore = false;
        while (true) {
            List<Stream> batch = catalog.list(after, limit + 1);
            for (Stream stream : batch) {
                if (stream.isGoneAt(now)) {
                    continue;
                }
                if (page.size() == limit) {
                    hasMore = true;
                    break;
                }
                page.add(stream);
            }
            if (hasMore || batch.size() <= limit) {
                return new StreamPage(List.copyOf(page), hasMore);
            }
            after = batch.get(batch.size() - 1).name();
        }
    }

    /** Starts deleting the stream; it stays visible as DELETING for the configured delay. */
    public Stream delete(StreamName name) {
        Instant now = clock.instant();
        return update(name, now, stream -> stream.deleting(now, properties.streams().deleteDelay()));
    }

    public Stream increaseRetention(StreamName name, int hours) {
        Instant now = clock.instant();
        return updateActive(name, now, stream ->
                stream.withRetentionHours(Retention.checkIncrease(name.value(), stream.retentionHours(), hours)));
    }

    public Stream decreaseRetention(StreamName name, int hours) {
        Instant now = clock.instant();
        return updateActive(name, now, stream ->
                stream.withRetentionHours(Retention.checkDecrease(name.value(), stream.retentionHours(), hours)));
    }

    /** Sets the retention period either way, applying the increase or decrease rule as fits. */
    public Stream setRetention(StreamName name, int hours) {
        Stream stream = describe(name);
        return hours >= stream.retentionHours() ? increaseRetention(name, hours) : decreaseRetention(name, hours);
    }

    public StreamStatus status(Stream stream) {
        return stream.statusAt(clock.instant());
    }

    public String arn(Stream stream) {
        return "arn:aws:kinesis:" + properties.region() + ":" + account() + ":stream/" + stream.name().value();
    }

    /** The lowest sequence number a shard can hold. */
    public SequenceNumber startingSequenceNumber(Stream stream, Shard shard) {
        return new SequenceNumber(stream.incarnation(), shard.id().index(), 0);
    }

    /** For a closed shard, a sequence number above every record in it; empty while open. */
    public Optional<SequenceNumber> endingSequenceNumber(Stream stream, Shard shard) {
        return shard.isOpen() ? Optional.empty()
                : Optional.of(new SequenceNumber(stream.incarnation(), shard.id().index(), shard.endPosition()));
    }

    /**
     * The log of a shard of a live stream.
     *
     * @throws dev.runnel.core.error.ResourceNotFoundException when the stream was deleted meanwhile
     */
    public ShardLog shardLog(Stream stream, ShardId shard) {
        return logs.find(stream.incarnation(), shard)
                .orElseThrow(() -> Messages.streamNotFound(stream.name().value(), account()));
    }

    /** Records a shard holds that are still within retention. */
    public long retainedRecordCount(Stream stream, Shard shard) {
        long cutoff = Retention.cutoffMillis(clock.millis(), stream.retentionHours());
        return logs.find(stream.incarnation(), shard.id())
                .map(log -> log.endPosition() - log.positionAtOrAfter(cutoff))
                .orElse(0L);
    }

    public String account() {
        return properties.accountId();
    }

    /**
     * Frees the storage of records past their stream's retention period and removes streams that finished
     * deleting. Runs in the background; safe to call at any time.
     *
     * @return bytes freed
     */
    public long housekeeping() {
        Instant now = clock.instant();
        long freed = 0;
        for (Stream stream : catalog.all()) {
            if (stream.isGoneAt(now)) {
                removeGone(stream);
                continue;
            }
            long cutoff = Retention.cutoffMillis(now.toEpochMilli(), stream.retentionHours());
            for (Shard shard : stream.shards()) {
                Optional<ShardLog> log = logs.find(stream.incarnation(), shard.id());
                if (log.isPresent()) {
                    freed += log.get().trimBefore(cutoff);
                }
            }
        }
        return freed;
    }

    private void removeGone(Stream stream) {
        if (catalog.remove(stream)) {
            logs.drop(stream.incarnation());
        }
    }

    private Stream updateActive(StreamName name, Instant now, UnaryOperator<Stream> change) {
        return update(name, now, stream -> {
            StreamStatus status = stream.statusAt(now);
            if (status != StreamStatus.ACTIVE) {
                throw Messages.streamNotActive(name.value(), account(), status.name());
            }
            return change.apply(stream);
        });
    }

    private Stream update(StreamName name, Instant now, UnaryOperator<Stream> change) {
        while (true) {
            Stream current = find(name, now).orElseThrow(() -> Messages.streamNotFound(name.value(), account()));
            Stream updated = change.apply(current);
            if (updated == current || catalog.replace(current, updated)) {
                return updated;
            }
        }
    }

    private void checkShardLimit(int additional, Instant now) {
        int limit = properties.streams().shardLimit();
        long current = catalog.all().stream()
                .filter(stream -> !stream.isGoneAt(now))
                .mapToLong(Stream::openShardCount)
                .sum();
        if (current + additional > limit) {
            throw new LimitExceededException("This request would exceed the shard limit for the account "
                    + account() + " in " + properties.region() + ". Current shard count for the account: " + current
                    + ". Limit: " + limit + ". Number of additional shards that would have resulted from this request: "
                    + additional + ". Refer to the AWS Service Limits page "
                    + "(http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and "
                    + "how to request higher limits.");
        }
    }

    /** Creation time in the high bits keeps incarnations roughly ordered; random low bits keep them unique. */
    private long newIncarnation(Instant now) {
        return (now.toEpochMilli() << INCARNATION_RANDOM_BITS) | random.nextInt(1 << INCARNATION_RANDOM_BITS);
    }
}
