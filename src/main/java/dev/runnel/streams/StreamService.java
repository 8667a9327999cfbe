package dev.runnel.streams;

import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.error.Messages;
import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardFilter;
import dev.runnel.core.stream.Retention;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamFeatures;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.core.stream.StreamStatus;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogStore;
import dev.runnel.storage.StreamCatalog;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stream lifecycle: create, describe, list and delete, the views of a stream's shards, plus the housekeeping that
 * trims expired records and removes deleted streams. Settings of a live stream (retention, tags, encryption,
 * monitoring, record size) are {@link StreamSettingsService}'s. Thread-safe; metadata changes are compare-and-set
 * retries on the catalog ({@link StreamUpdates}), never a global lock.
 */
public class StreamService {

    private static final int INCARNATION_RANDOM_BITS = 20;

    private final StreamCatalog catalog;
    private final ShardLogStore logs;
    private final InstantSource clock;
    private final RunnelProperties properties;
    private final String region;
    private final SecureRandom random = new SecureRandom();
    private final StreamUpdates updates;
    private final StreamLookup lookup;

    /**
     * @param catalog the streams of this account and region
     * @param region the region the streams live in, for ARNs and messages
     */
    public StreamService(
            StreamCatalog catalog,
            ShardLogStore logs,
            InstantSource clock,
            RunnelProperties properties,
            String region) {
        this.catalog = catalog;
        this.logs = logs;
        this.clock = clock;
        this.properties = properties;
        this.region = region;
        this.lookup = new StreamLookup(catalog, logs, properties.accountId());
        this.updates = new StreamUpdates(lookup, catalog);
    }

    public Stream create(CreateStreamCommand command) {
        Instant now = clock.instant();
        checkShardLimit(command.shardCount());
        Stream created = Stream.create(
                command.name(),
                newIncarnation(now),
                command.mode(),
                command.shardCount(),
                command.retentionPeriodHours(),
                command.maxRecordSizeInKiB(),
                command.tags(),
                now,
                properties.streams().createDelay());
        Stream stream = command.features().equals(StreamFeatures.DEFAULTS)
                ? created
                : created.with(c -> c.features = command.features());
        logs.createAll(
                stream.incarnation(), stream.shards().stream().map(Shard::id).toList());
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
        return lookup.require(name, clock.instant());
    }

    /** See {@link StreamLookup#find}. */
    public Optional<Stream> find(StreamName name, Instant now) {
        return lookup.find(name, now);
    }

    /** The read-only port on these streams and their logs, for the data plane and resharding. */
    public StreamLookup lookup() {
        return lookup;
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

    /** Starts deleting the stream and its consumers (the REST API and the console delete them together). */
    public Stream delete(StreamName name) {
        return delete(name, true);
    }

    /**
     * Starts deleting the stream; it stays visible as DELETING for the configured delay. Its consumers go with
     * it.
     *
     * @param enforceConsumerDeletion false to refuse (ResourceInUseException) while consumers are registered
     * @throws dev.runnel.core.error.ResourceInUseException while it has channels that are not being deleted
     */
    public Stream delete(StreamName name, boolean enforceConsumerDeletion) {
        Instant now = clock.instant();
        return updates.update(name, now, stream -> {
            if (stream.goneAt() != null) {
                return stream;
            }
            stream.features().requireNoActiveChannels(name.value(), account(), now);
            if (!enforceConsumerDeletion && stream.consumers().stream().anyMatch(c -> !c.isGoneAt(now))) {
                throw new ResourceInUseException("Stream " + name + " under account " + account()
                        + " has registered consumers; deregister them or set EnforceConsumerDeletion.");
            }
            return stream.deleting(now, properties.streams().deleteDelay());
        });
    }

    /** Every stored stream, finished deleting or not (housekeeping has yet to remove those), in name order. */
    public List<Stream> stored() {
        return catalog.all();
    }

    /** Every stream that has not finished deleting, in name order. */
    public List<Stream> live() {
        Instant now = clock.instant();
        return catalog.all().stream().filter(stream -> !stream.isGoneAt(now)).toList();
    }

    /** Open shards across all live streams of this account and region. */
    public long openShardCount() {
        Instant now = clock.instant();
        return catalog.all().stream()
                .filter(stream -> !stream.isGoneAt(now))
                .mapToLong(Stream::openShardCount)
                .sum();
    }

    /** Live ON_DEMAND streams of this account and region. */
    public long onDemandStreamCount() {
        Instant now = clock.instant();
        return catalog.all().stream()
                .filter(stream -> !stream.isGoneAt(now) && stream.mode() == StreamMode.ON_DEMAND)
                .count();
    }

    public int shardLimit() {
        return properties.streams().shardLimit();
    }

    public String region() {
        return region;
    }

    public Instant now() {
        return clock.instant();
    }

    public StreamStatus status(Stream stream) {
        return stream.statusAt(clock.instant());
    }

    public String arn(Stream stream) {
        return "arn:aws:kinesis:" + region + ":" + account() + ":stream/"
                + stream.name().value();
    }

    /** The stream's shards that pass the filter, in id order (Kinesis's ListShards). */
    public List<Shard> shards(Stream stream, ShardFilter filter) {
        Instant now = clock.instant();
        Instant trimHorizon = Retention.trimHorizon(now, stream.retentionHours());
        return stream.shards().stream()
                .filter(shard -> filter.matches(shard, stream.createdAt(), trimHorizon))
                .toList();
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
            logs.retain(stream.incarnation(), Duration.ofHours(stream.retentionHours()));
            long cutoff = Retention.cutoffMillis(now.toEpochMilli(), stream.retentionHours());
            for (Shard shard : stream.shards()) {
                Optional<ShardLog> log = logs.find(stream.incarnation(), shard.id());
                if (log.isPresent()) {
                    freed += log.get().trimBefore(cutoff);
                }
            }
            freed += removeExpiredShards(stream, now);
        }
        return freed;
    }

    /**
     * Closed shards whose every record is past the retention period disappear from the stream, and their
     * logs are freed.
     */
    private long removeExpiredShards(Stream stream, Instant now) {
        Instant horizon = Retention.trimHorizon(now, stream.retentionHours());
        List<Shard> expired = stream.shards().stream()
                .filter(shard -> !shard.isOpen() && shard.closedAt().isBefore(horizon))
                .toList();
        if (expired.isEmpty()) {
            return 0;
        }
        List<Shard> kept = new ArrayList<>(stream.shards());
        kept.removeAll(expired);
        if (!catalog.replace(stream, stream.with(c -> c.shards = kept))) {
            return 0;
        }
        long before = logs.usedBytes();
        expired.forEach(shard -> logs.drop(stream.incarnation(), shard.id()));
        return Math.max(0, before - logs.usedBytes());
    }

    private void removeGone(Stream stream) {
        if (catalog.remove(stream)) {
            logs.drop(stream.incarnation());
        }
    }

    /**
     * @throws LimitExceededException when {@code additional} more open shards would pass the region's shard
     *     limit
     */
    void checkShardLimit(int additional) {
        int limit = properties.streams().shardLimit();
        long current = openShardCount();
        if (current + additional > limit) {
            throw Messages.shardLimitExceeded(account(), region, current, limit, additional);
        }
    }

    /** Creation time in the high bits keeps incarnations roughly ordered; random low bits keep them unique. */
    private long newIncarnation(Instant now) {
        return (now.toEpochMilli() << INCARNATION_RANDOM_BITS) | random.nextInt(1 << INCARNATION_RANDOM_BITS);
    }
}
