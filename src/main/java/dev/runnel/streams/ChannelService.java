package dev.runnel.streams;

import dev.runnel.core.channel.Channel;
import dev.runnel.core.channel.ChannelConfiguration;
import dev.runnel.core.channel.ChannelConfiguration.LoggingConfiguration;
import dev.runnel.core.channel.ChannelStatus;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.Tags;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.storage.StreamCatalog;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Delivery channels (CreateChannel, DescribeChannel, ListChannels, UpdateChannel, DeleteChannel). A channel is held
 * by its source stream's metadata, so it changes by compare-and-set on the stream like everything else there, and
 * a stream with active channels refuses deletion. Channel names are unique in the account and region: creation is
 * serialised on this service to keep them so (it is rare; nothing on the data path takes that lock). Runnel keeps
 * each channel's configuration and status, CREATING, UPDATING and DELETING for the configured stream delays, but
 * delivers nothing. Thread-safe.
 */
public class ChannelService {

    /** The most live channels an account has in a region (Runnel's choice; DescribeLimits reports it). */
    public static final int CHANNEL_LIMIT = 50;

    private final StreamService streams;
    private final StreamUpdates updates;
    private final InstantSource clock;
    private final RunnelProperties.Streams delays;

    /** A channel and the stream it reads, as one version of that stream holds it. */
    public record Located(Stream stream, Channel channel) {}

    /** A page of channels in name order, and whether more follow. */
    public record ChannelPage(List<Located> channels, boolean hasMore) {}

    /** @param catalog the same catalog as {@code streams}' */
    public ChannelService(
            StreamCatalog catalog, StreamService streams, InstantSource clock, RunnelProperties properties) {
        this.streams = streams;
        this.updates = new StreamUpdates(streams.lookup(), catalog);
        this.clock = clock;
        this.delays = properties.streams();
    }

    /**
     * CreateChannel: CREATING, then ACTIVE. The stream must be ACTIVE and ON_DEMAND.
     *
     * @throws ResourceInUseException when the name is taken or the stream is not ACTIVE
     * @throws LimitExceededException at {@link #CHANNEL_LIMIT} channels
     */
    public synchronized Located create(CreateChannelCommand command) {
        Instant now = clock.instant();
        List<Located> live = all(now);
        if (live.stream().anyMatch(located -> located.channel().name().equals(command.name()))) {
            throw new ResourceInUseException(
                    "Channel " + command.name() + " under account " + account() + " already exists.");
        }
        checkTagCount(command.name(), command.tags().size());
        if (live.size() >= CHANNEL_LIMIT) {
            throw new LimitExceededException("This request would exceed the limit of " + CHANNEL_LIMIT
                    + " channels for the account " + account() + " in " + streams.region() + ".");
        }
        Channel channel = Channel.create(
                command.name(),
                UUID.randomUUID().toString(),
                command.configuration(),
                command.tags(),
                now,
                delays.createDelay());
        Stream updated = updates.updateActive(command.stream(), now, stream -> {
            if (stream.mode() != StreamMode.ON_DEMAND) {
                throw new InvalidArgumentException("CreateChannel is only supported for data streams with the "
                        + "on-demand capacity mode; stream " + stream.name() + " under account " + account()
                        + " is in " + stream.mode() + " mode.");
            }
            List<Channel> channels = new ArrayList<>(stream.features().channels());
            channels.add(channel);
            return stream.with(c -> c.features = c.features.withChannels(channels, now));
        });
        return new Located(updated, channel);
    }

    /** DescribeChannel: the live channel of this name, with its stream. */
    public Located describe(String name) {
        Instant now = clock.instant();
        return all(now).stream()
                .filter(located -> located.channel().name().equals(name))
                .findFirst()
                .orElseThrow(() -> notFound(name));
    }

    /**
     * ListChannels: live channels in name order, after {@code exclusiveStart} (null for the first), whose stream
     * passes {@code sources}.
     */
    public ChannelPage list(String exclusiveStart, int limit, Predicate<Stream> sources) {
        List<Located> matching = all(clock.instant()).stream()
                .filter(located ->
                        exclusiveStart == null || located.channel().name().compareTo(exclusiveStart) > 0)
                .filter(located -> sources.test(located.stream()))
                .toList();
        return new ChannelPage(matching.subList(0, Math.min(limit, matching.size())), matching.size() > limit);
    }

    /**
     * UpdateChannel: a new data freshness (given for the channel's kind of destination) and/or logging settings;
     * UPDATING for a while. The channel must be ACTIVE.
     *
     * @param s3Freshness for a channel delivering to a bucket, or null
     * @param tablesFreshness for a channel delivering to streaming tables, or null
     * @param logging new CloudWatch Logs settings, or null
     */
    public Located update(String name, Integer s3Freshness, Integer tablesFreshness, LoggingConfiguration logging) {
        if (s3Freshness == null && tablesFreshness == null && logging == null) {
            throw new InvalidArgumentException("Specify S3DestinationConfiguration, S3TablesDestinationConfiguration "
                    + "or LoggingConfiguration to update channel " + name + ".");
        }
        ChannelConfiguration.requirePositiveFreshness(s3Freshness);
        ChannelConfiguration.requirePositiveFreshness(tablesFreshness);
        Instant now = clock.instant();
        return change(name, now, channel -> {
            ChannelStatus status = channel.statusAt(now);
            if (status != ChannelStatus.ACTIVE) {
                throw new ResourceInUseException(
                        "Channel " + name + " under account " + account() + " not ACTIVE, instead in state " + status);
            }
            ChannelConfiguration configuration = channel.configuration();
            String type = configuration.destinationType();
            if ((s3Freshness != null && !type.equals("S3")) || (tablesFreshness != null && !type.equals("S3_TABLES"))) {
                throw new InvalidArgumentException("Channel " + name + " delivers to " + type + "; update it with "
                        + (type.equals("S3") ? "S3DestinationConfiguration" : "S3TablesDestinationConfiguration")
                        + ".");
            }
            Integer freshness = s3Freshness != null ? s3Freshness : tablesFreshness;
            if (freshness != null) {
                configuration = configuration.withDataFreshness(freshness);
            }
            if (logging != null) {
                configuration = configuration.withLogging(logging, channel.name(), channel.id());
            }
            return channel.updated(configuration, now, delays.updateDelay());
        });
    }

    /** DeleteChannel: DELETING, then gone; in any state. Deleting twice keeps the first. */
    public Located delete(String name) {
        Instant now = clock.instant();
        return change(name, now, channel -> channel.deleting(now, delays.deleteDelay()));
    }

    /** TagResource on a channel: adds or overwrites tags; a channel holds at most 50. */
    public Located tag(String name, Map<String, String> tags) {
        Map<String, String> checked = Tags.validated("tags", tags);
        return change(name, clock.instant(), channel -> {
            Map<String, String> merged = new TreeMap<>(channel.tags());
            merged.putAll(checked);
            checkTagCount(name, merged.size());
            return channel.withTags(merged);
        });
    }

    /** UntagResource on a channel: removes tags by key; unknown keys are ignored. */
    public Located untag(String name, Collection<String> keys) {
        return change(name, clock.instant(), channel -> {
            Tags.checkKeys(keys);
            Map<String, String> remaining = new TreeMap<>(channel.tags());
            remaining.keySet().removeAll(keys);
            return channel.withTags(remaining);
        });
    }

    private void checkTagCount(String name, int count) {
        if (count > Tags.MAX_TAGS) {
            throw new InvalidArgumentException("Failed to add tags to channel " + name + " under account " + account()
                    + " because a given channel cannot have more than " + Tags.MAX_TAGS + " tags associated with it.");
        }
    }

    /** Attaches a resource policy to the channel (null detaches it). */
    Located setPolicy(String name, String policy) {
        return change(name, clock.instant(), channel -> channel.withPolicy(policy));
    }

    /** Live channels of the account and region, for DescribeLimits. */
    public int count() {
        return all(clock.instant()).size();
    }

    public String arn(Channel channel) {
        return "arn:aws:kinesis:" + streams.region() + ":" + account() + ":channel/" + channel.name();
    }

    public ResourceNotFoundException notFound(String name) {
        return new ResourceNotFoundException("Channel " + name + " under account " + account() + " not found.");
    }

    /** Replaces the live channel of this name in its stream, by compare-and-set. */
    private Located change(String name, Instant now, UnaryOperator<Channel> change) {
        Located found = describe(name);
        Channel[] changed = new Channel[1];
        Stream updated = updates.update(found.stream().name(), now, stream -> {
            if (stream.incarnation() != found.stream().incarnation()) {
                throw notFound(name);
            }
            Channel current = stream.features().channel(name, now).orElseThrow(() -> notFound(name));
            changed[0] = change.apply(current);
            List<Channel> channels = new ArrayList<>(stream.features().channels());
            channels.replaceAll(channel -> channel == current ? changed[0] : channel);
            return stream.with(c -> c.features = c.features.withChannels(channels, now));
        });
        return new Located(updated, changed[0]);
    }

    /** Every live channel of the account and region, in name order. */
    private List<Located> all(Instant now) {
        List<Located> all = new ArrayList<>();
        for (Stream stream : streams.live()) {
            stream.features().liveChannels(now).forEach(channel -> all.add(new Located(stream, channel)));
        }
        all.sort(Comparator.comparing(located -> located.channel().name()));
        return all;
    }

    private String account() {
        return streams.account();
    }
}
