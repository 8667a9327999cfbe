package dev.runnel.core.channel;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A delivery channel of a stream: an immutable value held by its source stream (so it is replaced with the
 * stream's next version, and cannot outlive the stream). Like a stream's, its status is a pure function of the
 * clock: CREATING until {@link #activeAt}, UPDATING until {@link #updatingUntil} after a change, DELETING from
 * deletion until {@link #goneAt}, after which it no longer exists and its name may be used again.
 *
 * @param name unique among the live channels of an account and region
 * @param id a unique identifier, different for a channel created again with the same name
 * @param createdAt when it was created, to the millisecond
 * @param updatingUntil until when a change keeps it UPDATING; null if none ever did
 * @param goneAt when deletion completes; null unless deletion was requested
 * @param configuration what it delivers and where, with Kinesis's defaults filled in
 * @param tags sorted by key
 * @param policy its resource policy (a JSON document), or null
 */
public record Channel(
        String name,
        String id,
        Instant createdAt,
        Instant activeAt,
        Instant updatingUntil,
        Instant goneAt,
        ChannelConfiguration configuration,
        SortedMap<String, String> tags,
        String policy) {

    public Channel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(activeAt, "activeAt");
        Objects.requireNonNull(configuration, "configuration");
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    /** A new channel, CREATING for {@code createDelay} from {@code now}. */
    public static Channel create(
            String name,
            String id,
            ChannelConfiguration configuration,
            Map<String, String> tags,
            Instant now,
            Duration createDelay) {
        Instant created = now.truncatedTo(ChronoUnit.MILLIS);
        return new Channel(
                name,
                id,
                created,
                created.plus(createDelay),
                null,
                null,
                configuration.withDefaults(name, id),
                new TreeMap<>(tags == null ? Map.of() : tags),
                null);
    }

    public ChannelStatus statusAt(Instant now) {
        if (goneAt != null) {
            return ChannelStatus.DELETING;
        }
        if (now.isBefore(activeAt)) {
            return ChannelStatus.CREATING;
        }
        return updatingUntil != null && now.isBefore(updatingUntil) ? ChannelStatus.UPDATING : ChannelStatus.ACTIVE;
    }

    /** Whether it has finished deleting at {@code now}; such a channel is treated as absent. */
    public boolean isGoneAt(Instant now) {
        return goneAt != null && !now.isBefore(goneAt);
    }

    /** The channel with a changed configuration, UPDATING for {@code updateDelay}. */
    public Channel updated(ChannelConfiguration changed, Instant now, Duration updateDelay) {
        return new Channel(name, id, createdAt, activeAt, now.plus(updateDelay), goneAt, changed, tags, policy);
    }

    /** Starts deletion: DELETING for {@code deleteDelay}, then gone. Deleting twice keeps the first. */
    public Channel deleting(Instant now, Duration deleteDelay) {
        return goneAt != null
                ? this
                : new Channel(
                        name,
                        id,
                        createdAt,
                        activeAt,
                        updatingUntil,
                        now.plus(deleteDelay),
                        configuration,
                        tags,
                        policy);
    }

    /** The channel with other tags. */
    public Channel withTags(Map<String, String> newTags) {
        return new Channel(
                name, id, createdAt, activeAt, updatingUntil, goneAt, configuration, new TreeMap<>(newTags), policy);
    }

    /** The channel with another resource policy (null for none). */
    public Channel withPolicy(String newPolicy) {
        return new Channel(name, id, createdAt, activeAt, updatingUntil, goneAt, configuration, tags, newPolicy);
    }
}
