package dev.runnel.core.stream;

import dev.runnel.core.hash.HashKey;
import dev.runnel.core.hash.HashKeyRange;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.shard.ShardMap;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A stream's metadata: an immutable aggregate replaced as a whole, by compare-and-set on {@link #version()},
 * whenever it changes.
 *
 * <p>Timed transitions are stored as instants rather than applied by a timer, so a stream's status is a pure
 * function of the clock: it is CREATING until {@link #activeAt()}, then ACTIVE; once deletion is requested it
 * is DELETING until {@link #goneAt()}, after which it no longer exists (a sweeper removes it and frees its
 * storage, but it is treated as absent from that instant on).
 *
 * <p>The {@link #incarnation()} tells apart streams that had the same name at different times; it is part of
 * every sequence number and shard iterator issued for the stream.
 */
public final class Stream {

    public static final int DEFAULT_MAX_RECORD_SIZE_KIB = 1024;
    public static final int MAX_MAX_RECORD_SIZE_KIB = 10240;

    private final StreamName name;
    private final long incarnation;
    private final Instant createdAt;
    private final Instant activeAt;
    private final Instant goneAt;
    private final int retentionHours;
    private final int maxRecordSizeKiB;
    private final Map<String, String> tags;
    private final List<Shard> shards;
    private final ShardMap openShards;
    private final long version;

    private Stream(StreamName name, long incarnation, Instant createdAt, Instant activeAt, Instant goneAt,
                   int retentionHours, int maxRecordSizeKiB, Map<String, String> tags, List<Shard> shards,
                   long version) {
        this.name = Objects.requireNonNull(name, "name");
        this.incarnation = incarnation;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.activeAt = Objects.requireNonNull(activeAt, "activeAt");
        this.goneAt = goneAt;
        this.retentionHours = Retention.checkRange(retentionHours);
        this.maxRecordSizeKiB = maxRecordSizeKiB;
        this.tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
        this.shards = List.copyOf(shards);
        this.openShards = new ShardMap(this.shards.stream().filter(Shard::isOpen).toList());
        this.version = version;
    }

    /**
     * A new stream of {@code shardCount} shards laid out uniformly over the hash-key space, created at
     * {@code now} (to the millisecond) and CREATING for {@code createDelay}.
     */
    public static Stream create(StreamName name, long incarnation, int shardCount, int retentionHours,
                                int maxRecordSizeKiB, Map<String, String> tags, Instant now, Duration createDelay) {
        List<HashKeyRange> ranges = HashKeyRange.uniform(shardCount);
        List<Shard> shards = new ArrayList<>(shardCount);
        for (int i = 0; i < shardCount; i++) {
            shards.add(Shard.initial(new ShardId(i), ranges.get(i)));
        }
        Instant created = now.truncatedTo(ChronoUnit.MILLIS);
        return new Stream(name, incarnation, created, created.plus(createDelay), null, retentionHours,
                maxRecordSizeKiB, tags, shards, 1);
    }

    public StreamStatus statusAt(Instant now) {
        if (goneAt != null) {
            return StreamStatus.DELETING;
        }
        return now.isBefore(activeAt) ? StreamStatus.CREATING : StreamStatus.ACTIVE;
    }

    /** Whether the stream has finished deleting at {@code now}; such a stream is treated as absent. */
    public boolean isGoneAt(Instant now) {
        return goneAt != null && !now.isBefore(goneAt);
    }

    /** Whether records may be written and iterators obtained (ACTIVE, UPDATING, or DELETING but not gone). */
    public boolean acceptsDataAt(Instant now) {
        StreamStatus status = statusAt(now);
        return status != StreamStatus.CREATING && !isGoneAt(now);
    }

    /** The open shard owning the hash key. */
    public Shard route(HashKey key) {
        return openShards.route(key);
    }

    public Optional<Shard> shard(ShardId id) {
        for (Shard shard : shards) {
            if (shard.id().equals(id)) {
                return Optional.of(shard);
            }
        }
        return Optional.empty();
    }

    public int openShardCount() {
        return openShards.size();
    }

    public Stream withRetentionHours(int hours) {
        return new Stream(name, incarnation, createdAt, activeAt, goneAt, hours, maxRecordSizeKiB, tags, shards,
                version + 1);
    }

    public Stream withTags(Map<String, String> newTags) {
        return new Stream(name, incarnation, createdAt, activeAt, goneAt, retentionHours, maxRecordSizeKiB, newTags,
                shards, version + 1);
    }

    /** Starts deletion: DELETING until {@code now + deleteDelay}, then gone. Deleting twice keeps the first. */
    public Stream deleting(Instant now, Duration deleteDelay) {
        if (goneAt != null) {
            return this;
        }
        return new Stream(name, incarnation, createdAt, activeAt, now.plus(deleteDelay), retentionHours,
                maxRecordSizeKiB, tags, shards, version + 1);
    }

    public StreamName name() {
        return name;
    }

    public long incarnation() {
        return incarnation;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant activeAt() {
        return activeAt;
    }

    /** When deletion completes; null unless deletion was requested. */
    public Instant goneAt() {
        return goneAt;
    }

    public int retentionHours() {
        return retentionHours;
    }

    public int maxRecordSizeKiB() {
        return maxRecordSizeKiB;
    }

    /** Largest allowed data plus partition-key size of one record, in bytes. */
    public int maxRecordSizeBytes() {
        return maxRecordSizeKiB * 1024;
    }

    /** Tags sorted by key. */
    public Map<String, String> tags() {
        return tags;
    }

    /** Every shard not yet expired, open or closed, in id order. */
    public List<Shard> shards() {
        return shards;
    }

    public long version() {
        return version;
    }

    @Override
    public String toString() {
        return "Stream[" + name + ", incarnation=" + incarnation + ", version=" + version + "]";
    }
}
