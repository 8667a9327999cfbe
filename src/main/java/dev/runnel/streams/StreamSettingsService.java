package dev.runnel.streams;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.stream.RecordDistribution;
import dev.runnel.core.stream.Retention;
import dev.runnel.core.stream.ShardLevelMetric;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.core.stream.Tags;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.storage.StreamCatalog;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settings of a live stream: retention, tags, shard-level metrics, server-side encryption and the largest
 * record, each changed by Kinesis's rules. Thread-safe; every change is a compare-and-set on the catalog.
 */
public class StreamSettingsService {

    private final StreamService streams;
    private final InstantSource clock;
    private final RunnelProperties properties;
    private final StreamUpdates updates;

    /** @param catalog the same catalog as {@code streams}' */
    public StreamSettingsService(
            StreamCatalog catalog, StreamService streams, InstantSource clock, RunnelProperties properties) {
        this.streams = streams;
        this.clock = clock;
        this.properties = properties;
        this.updates = new StreamUpdates(streams.lookup(), catalog);
    }

    public Stream increaseRetention(StreamName name, int hours) {
        Instant now = clock.instant();
        int checked = Retention.checkRange(hours);
        return updates.updateActive(
                name,
                now,
                stream -> stream.with(c ->
                        c.retentionHours = Retention.checkIncrease(name.value(), stream.retentionHours(), checked)));
    }

    public Stream decreaseRetention(StreamName name, int hours) {
        Instant now = clock.instant();
        int checked = Retention.checkRange(hours);
        return updates.updateActive(
                name,
                now,
                stream -> stream.with(c ->
                        c.retentionHours = Retention.checkDecrease(name.value(), stream.retentionHours(), checked)));
    }

    /** Sets the retention period either way, applying the increase or decrease rule as fits. */
    public Stream setRetention(StreamName name, int hours) {
        Stream stream = streams.describe(name);
        return hours >= stream.retentionHours() ? increaseRetention(name, hours) : decreaseRetention(name, hours);
    }

    /** Adds or overwrites tags; a stream holds at most 50. */
    public Stream addTags(StreamName name, Map<String, String> tags) {
        Map<String, String> checked = Tags.validated("tags", tags);
        Instant now = clock.instant();
        return updates.update(name, now, stream -> {
            List<String> texts = new ArrayList<>(checked.keySet());
            texts.addAll(checked.values());
            Tags.checkStreamTags(true, name.value(), streams.account(), texts);
            updates.requireWritableMetadata(stream, now);
            Map<String, String> merged = new TreeMap<>(stream.tags());
            merged.putAll(checked);
            Tags.checkCount(name.value(), streams.account(), merged.size());
            return stream.with(c -> c.tags = merged);
        });
    }

    /** Removes tags by key; unknown keys are ignored. */
    public Stream removeTags(StreamName name, Collection<String> keys) {
        Instant now = clock.instant();
        return updates.update(name, now, stream -> {
            Tags.checkKeys(keys);
            Tags.checkStreamTags(false, name.value(), streams.account(), keys);
            updates.requireWritableMetadata(stream, now);
            Map<String, String> remaining = new TreeMap<>(stream.tags());
            remaining.keySet().removeAll(keys);
            return remaining.size() == stream.tags().size() ? stream : stream.with(c -> c.tags = remaining);
        });
    }

    /** Turns shard-level metrics on (or off), returning the stream before and after. */
    public Change setShardLevelMetrics(StreamName name, Set<ShardLevelMetric> metrics, boolean enable) {
        Instant now = clock.instant();
        Stream[] before = new Stream[1];
        Stream after = updates.updateActive(name, now, stream -> {
            before[0] = stream;
            Set<ShardLevelMetric> next = stream.shardLevelMetrics().isEmpty()
                    ? EnumSet.noneOf(ShardLevelMetric.class)
                    : EnumSet.copyOf(stream.shardLevelMetrics());
            if (enable) {
                next.addAll(metrics);
            } else {
                next.removeAll(metrics);
            }
            return stream.with(c -> c.shardLevelMetrics = next);
        });
        return new Change(before[0], after);
    }

    /** A stream before and after a change. */
    public record Change(Stream before, Stream after) {}

    /** Starts server-side encryption with the KMS key (no data is really encrypted); UPDATING for a while. */
    public Stream startEncryption(StreamName name, String keyId) {
        Instant now = clock.instant();
        return updates.updateActive(
                name,
                now,
                stream -> stream.with(c -> {
                    c.encryptionKeyId = keyId;
                    c.updatingUntil = now.plus(properties.streams().updateDelay());
                }));
    }

    /** Stops server-side encryption; UPDATING for a while. */
    public Stream stopEncryption(StreamName name) {
        Instant now = clock.instant();
        return updates.updateActive(
                name,
                now,
                stream -> stream.with(c -> {
                    c.encryptionKeyId = null;
                    c.updatingUntil = now.plus(properties.streams().updateDelay());
                }));
    }

    /**
     * UpdateStreamRecordDistributionStrategy: takes effect at once, for the records written from then on (no
     * UPDATING). AUTO is for ON_DEMAND streams only; asking a PROVISIONED stream for USER_PARTITION_KEY, which it
     * has anyway, changes nothing.
     *
     * @throws InvalidArgumentException for AUTO on a PROVISIONED stream
     */
    public Stream updateRecordDistribution(StreamName name, RecordDistribution distribution) {
        Instant now = clock.instant();
        return updates.update(name, now, stream -> {
            updates.requireWritableMetadata(stream, now);
            if (distribution == RecordDistribution.AUTO && stream.mode() != StreamMode.ON_DEMAND) {
                throw new InvalidArgumentException("The AUTO record distribution strategy is only supported for "
                        + "streams in ON_DEMAND mode; stream " + name + " under account " + streams.account()
                        + " is in " + stream.mode() + " mode.");
            }
            return stream.features().recordDistribution() == distribution
                    ? stream
                    : stream.with(c -> c.features = c.features.withRecordDistribution(distribution));
        });
    }

    /** Sets the largest record (data plus partition key) the stream takes, 1024 … 10240 KiB. */
    public Stream updateMaxRecordSize(StreamName name, int kib) {
        Instant now = clock.instant();
        return updates.updateActive(name, now, stream -> stream.with(c -> c.maxRecordSizeKiB = kib));
    }
}
