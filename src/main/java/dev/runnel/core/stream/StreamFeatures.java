package dev.runnel.core.stream;

import dev.runnel.core.channel.Channel;
import dev.runnel.core.error.ResourceInUseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The settings and attachments of a stream that Kinesis added after its core API, kept together so a stream's
 * metadata stays one value: resource policies, warm throughput, the record distribution strategy and delivery
 * channels. Being part of the stream, they vanish with it, and a stream created again under the same name starts
 * without them. Immutable.
 *
 * @param resourcePolicies JSON policy documents by the ARN of the resource they are attached to: the stream
 *     itself or one of its consumers
 * @param warmThroughputMiBps the write capacity an ON_DEMAND stream keeps ready, in MiB/s; 0 for none
 * @param recordDistribution how records are spread over the open shards
 * @param channels the stream's delivery channels, including DELETING and gone ones not yet removed
 */
public record StreamFeatures(
        SortedMap<String, String> resourcePolicies,
        int warmThroughputMiBps,
        RecordDistribution recordDistribution,
        List<Channel> channels) {

    /** What a new stream has: no policies, no warm throughput, USER_PARTITION_KEY, no channels. */
    public static final StreamFeatures DEFAULTS =
            new StreamFeatures(new TreeMap<>(), 0, RecordDistribution.USER_PARTITION_KEY, List.of());

    public StreamFeatures {
        resourcePolicies = Collections.unmodifiableSortedMap(new TreeMap<>(resourcePolicies));
        if (warmThroughputMiBps < 0) {
            throw new IllegalArgumentException("negative warm throughput: " + warmThroughputMiBps);
        }
        Objects.requireNonNull(recordDistribution, "recordDistribution");
        channels = List.copyOf(channels);
    }

    /** The policy attached to the resource with this ARN. */
    public Optional<String> policy(String resourceArn) {
        return Optional.ofNullable(resourcePolicies.get(resourceArn));
    }

    /** With {@code policy} attached to the resource, replacing any policy it had; null detaches it. */
    public StreamFeatures withPolicy(String resourceArn, String policy) {
        Map<String, String> policies = new TreeMap<>(resourcePolicies);
        if (policy == null) {
            policies.remove(resourceArn);
        } else {
            policies.put(resourceArn, policy);
        }
        return new StreamFeatures(new TreeMap<>(policies), warmThroughputMiBps, recordDistribution, channels);
    }

    public StreamFeatures withWarmThroughput(int mibps) {
        return new StreamFeatures(resourcePolicies, mibps, recordDistribution, channels);
    }

    public StreamFeatures withRecordDistribution(RecordDistribution distribution) {
        return new StreamFeatures(resourcePolicies, warmThroughputMiBps, distribution, channels);
    }

    /** With the channels as given, less those gone at {@code now}. */
    public StreamFeatures withChannels(List<Channel> replaced, Instant now) {
        List<Channel> kept = new ArrayList<>(replaced);
        kept.removeIf(channel -> channel.isGoneAt(now));
        return new StreamFeatures(resourcePolicies, warmThroughputMiBps, recordDistribution, kept);
    }

    /** What the stream keeps when it becomes PROVISIONED: neither warm throughput nor AUTO distribution. */
    public StreamFeatures forProvisioned() {
        return new StreamFeatures(resourcePolicies, 0, RecordDistribution.USER_PARTITION_KEY, channels);
    }

    /** The channels that exist at {@code now} (not gone), in creation order. */
    public List<Channel> liveChannels(Instant now) {
        return channels.stream().filter(channel -> !channel.isGoneAt(now)).toList();
    }

    /**
     * A stream cannot be deleted while it has active channels: live ones not being deleted.
     *
     * @throws ResourceInUseException when it has some
     */
    public void requireNoActiveChannels(String stream, String account, Instant now) {
        long active = liveChannels(now).stream()
                .filter(channel -> channel.goneAt() == null)
                .count();
        if (active > 0) {
            throw new ResourceInUseException("Stream " + stream + " under account " + account + " has " + active
                    + " active channel(s). A stream cannot be deleted while it has active channels; delete them "
                    + "first.");
        }
    }

    /** The live channel of this name. */
    public Optional<Channel> channel(String name, Instant now) {
        return channels.stream()
                .filter(channel -> channel.name().equals(name) && !channel.isGoneAt(now))
                .findFirst();
    }
}
