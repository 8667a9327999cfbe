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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A stream's metadata: an immutable aggregate replaced as a whole, by compare-and-set on {@link #version()},
 * whenever it changes ({@link #with} makes the next version).
 *
 * <p>Timed transitions are stored as instants rather than applied by a timer, so a stream's status is a pure
 * function of the clock: it is CREATING until {@link #activeAt()}, then ACTIVE, or UPDATING until
 * {@link #updatingUntil()} after a change that Kinesis applies asynchronously; once deletion is requested it
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
    private final Instant updatingUntil;
    private final Instant goneAt;
    private final StreamMode mode;
    private final int retentionHours;
    private final int maxRecordSizeKiB;
    private final String encryptionKeyId;
    private final Set<ShardLevelMetric> shardLevelMetrics;
    private final SortedMap<String, String> tags;
    private final List<Shard> shards;
    private final ShardMap openShards;
    private final int nextShardIndex;
    private final List<Instant> shardCountUpdates;
    private final List<Instant> modeUpdates;
    private final List<ScalingEvent> scalingEvents;
    private final List<StreamConsumer> consumers;
    private final StreamFeatures features;
    private final long version;

    Stream(StreamChanges c) {
        this.name = Objects.requireNonNull(c.name, "name");
        this.incarnation = c.incarnation;
        this.createdAt = Objects.requireNonNull(c.createdAt, "createdAt");
        this.activeAt = Objects.requireNonNull(c.activeAt, "activeAt");
        this.updatingUntil = c.updatingUntil;
        this.goneAt = c.goneAt;
        this.mode = Objects.requireNonNull(c.mode, "mode");
        this.retentionHours = Retention.checkRange(c.retentionHours);
        this.maxRecordSizeKiB = c.maxRecordSizeKiB;
        this.encryptionKeyId = c.encryptionKeyId;
        this.shardLevelMetrics = c.shardLevelMetrics.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(c.shardLevelMetrics));
        this.tags = Collections.unmodifiableSortedMap(new TreeMap<>(c.tags));
        this.shards = List.copyOf(c.shards);
        this.openShards =
                new ShardMap(this.shards.stream().filter(Shard::isOpen).toList());
        this.nextShardIndex = c.nextShardIndex;
        for (Shard shard : this.shards) {
            if (shard.id().index() >= nextShardIndex) {
                throw new IllegalArgumentException(
                        "shard " + shard.id() + " is not below the next shard index " + nextShardIndex);
            }
        }
        this.shardCountUpdates = List.copyOf(c.shardCountUpdates);
        this.modeUpdates = List.copyOf(c.modeUpdates);
        this.scalingEvents = List.copyOf(c.scalingEvents);
        this.consumers = List.copyOf(c.consumers);
        this.features = Objects.requireNonNull(c.features, "features");
        this.version = c.version;
    }

    /**
     * A new stream of {@code shardCount} shards laid out uniformly over the hash-key space, created at
     * {@code now} (to the millisecond) and CREATING for {@code createDelay}.
     */
    public static Stream create(
            StreamName name,
            long incarnation,
            StreamMode mode,
            int shardCount,
            int retentionHours,
            int maxRecordSizeKiB,
            Map<String, String> tags,
            Instant now,
            Duration createDelay) {
        Instant created = now.truncatedTo(ChronoUnit.MILLIS);
        List<HashKeyRange> ranges = HashKeyRange.uniform(shardCount);
        List<Shard> shards = new ArrayList<>(shardCount);
        for (int i = 0; i < shardCount; i++) {
            shards.add(Shard.initial(new ShardId(i), ranges.get(i), created));
        }
        StreamChanges c = new StreamChanges();
        c.name = name;
        c.incarnation = incarnation;
        c.createdAt = created;
        c.activeAt = created.plus(createDelay);
        c.mode = mode;
        c.retentionHours = retentionHours;
        c.maxRecordSizeKiB = maxRecordSizeKiB;
        c.tags = tags;
        c.shards = shards;
        c.nextShardIndex = shardCount;
        c.version = 1;
        return new Stream(c);
    }

    /** The next version of this stream, with the changes applied. */
    public Stream with(Consumer<StreamChanges> change) {
        StreamChanges c = new StreamChanges(this);
        change.accept(c);
        c.version = version + 1;
        return new Stream(c);
    }

    public StreamStatus statusAt(Instant now) {
        if (goneAt != null) {
            return StreamStatus.DELETING;
        }
        if (now.isBefore(activeAt)) {
            return StreamStatus.CREATING;
        }
        return updatingUntil != null && now.isBefore(updatingUntil) ? StreamStatus.UPDATING : StreamStatus.ACTIVE;
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

    /** The open shards in hash-key order. */
    public List<Shard> openShardsByHashKey() {
        return openShards.inHashKeyOrder();
    }

    /** The shards made from this one by a split or merge, in id order. */
    public List<Shard> children(ShardId parent) {
        return shards.stream()
                .filter(s -> parent.equals(s.parent()) || parent.equals(s.adjacentParent()))
                .toList();
    }

    /** Starts deletion: DELETING until {@code now + deleteDelay}, then gone. Deleting twice keeps the first. */
    public Stream deleting(Instant now, Duration deleteDelay) {
        return goneAt != null ? this : with(c -> c.goneAt = now.plus(deleteDelay));
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

    /** Until when an asynchronous change keeps the stream UPDATING; null if none ever did. */
    public Instant updatingUntil() {
        return updatingUntil;
    }

    /** When deletion completes; null unless deletion was requested. */
    public Instant goneAt() {
        return goneAt;
    }

    public StreamMode mode() {
        return mode;
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

    /** The KMS key of server-side encryption, or null when the stream is not encrypted. */
    public String encryptionKeyId() {
        return encryptionKeyId;
    }

    public boolean isEncrypted() {
        return encryptionKeyId != null;
    }

    /** The shard-level metrics enhanced monitoring has turned on. */
    public Set<ShardLevelMetric> shardLevelMetrics() {
        return shardLevelMetrics;
    }

    /** Tags sorted by key. */
    public SortedMap<String, String> tags() {
        return tags;
    }

    /** Every shard not yet expired, open or closed, in id order. */
    public List<Shard> shards() {
        return shards;
    }

    /** The id the next new shard gets; ids are never reused. */
    public int nextShardIndex() {
        return nextShardIndex;
    }

    /** When UpdateShardCount was called, oldest first (callers keep the last 24 hours). */
    public List<Instant> shardCountUpdates() {
        return shardCountUpdates;
    }

    /** When the stream's mode was switched, oldest first (callers keep the last 24 hours). */
    public List<Instant> modeUpdates() {
        return modeUpdates;
    }

    /** The most recent automatic scaling steps of an ON_DEMAND stream, oldest first. */
    public List<ScalingEvent> scalingEvents() {
        return scalingEvents;
    }

    /** The registered consumers in registration order, including those DELETING or gone but not yet removed. */
    public List<StreamConsumer> consumers() {
        return consumers;
    }

    /** Resource policies, warm throughput, record distribution and channels. */
    public StreamFeatures features() {
        return features;
    }

    public long version() {
        return version;
    }

    @Override
    public String toString() {
        return "Stream[" + name + ", incarnation=" + incarnation + ", version=" + version + "]";
    }
}
