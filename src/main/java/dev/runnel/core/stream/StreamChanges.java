package dev.runnel.core.stream;

import dev.runnel.core.shard.Shard;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutable state from which a stream's next version is built; only {@link Stream#with}, {@link Stream#create}
 * and {@link StoredStream#restore} make one. The identity fields (name, incarnation, creation) cannot be changed.
 */
public final class StreamChanges {

    StreamName name;
    long incarnation;
    Instant createdAt;
    Instant activeAt;
    long version;
    public Instant updatingUntil;
    public Instant goneAt;
    public StreamMode mode;
    public int retentionHours;
    public int maxRecordSizeKiB;
    public String encryptionKeyId;
    public Set<ShardLevelMetric> shardLevelMetrics = Set.of();
    public Map<String, String> tags = Map.of();
    public List<Shard> shards = List.of();
    public int nextShardIndex;
    public List<Instant> shardCountUpdates = List.of();
    public List<Instant> modeUpdates = List.of();
    public List<ScalingEvent> scalingEvents = List.of();
    public List<StreamConsumer> consumers = List.of();
    public StreamFeatures features = StreamFeatures.DEFAULTS;

    StreamChanges() {}

    StreamChanges(Stream s) {
        name = s.name();
        incarnation = s.incarnation();
        createdAt = s.createdAt();
        activeAt = s.activeAt();
        updatingUntil = s.updatingUntil();
        goneAt = s.goneAt();
        mode = s.mode();
        retentionHours = s.retentionHours();
        maxRecordSizeKiB = s.maxRecordSizeKiB();
        encryptionKeyId = s.encryptionKeyId();
        shardLevelMetrics = s.shardLevelMetrics();
        tags = s.tags();
        shards = s.shards();
        nextShardIndex = s.nextShardIndex();
        shardCountUpdates = s.shardCountUpdates();
        modeUpdates = s.modeUpdates();
        scalingEvents = s.scalingEvents();
        consumers = s.consumers();
        features = s.features();
    }
}
