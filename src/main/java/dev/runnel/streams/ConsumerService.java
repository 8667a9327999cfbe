package dev.runnel.streams;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.stream.ConsumerStatus;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamConsumer;
import dev.runnel.core.stream.StreamName;
import dev.runnel.core.stream.Tags;
import dev.runnel.settings.FanOut;
import dev.runnel.storage.StreamCatalog;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Enhanced fan-out consumers: RegisterStreamConsumer, DescribeStreamConsumer, ListStreamConsumers and
 * DeregisterStreamConsumer. Consumers live in their stream's metadata (changed by compare-and-set like any other
 * stream change), so they vanish with it. Thread-safe.
 */
public class ConsumerService {

    /** Consumers that may be CREATING at once on one stream. */
    public static final int MAX_CREATING = 5;

    private final StreamService streams;
    private final StreamLookup lookup;
    private final StreamUpdates updates;
    private final StreamCatalog catalog;
    private final InstantSource clock;
    private final FanOut settings;

    public ConsumerService(StreamService streams, StreamCatalog catalog, InstantSource clock, FanOut settings) {
        this.streams = streams;
        this.lookup = streams.lookup();
        this.updates = new StreamUpdates(lookup, catalog);
        this.catalog = catalog;
        this.clock = clock;
        this.settings = settings;
    }

    /** A consumer with the stream it belongs to (the version it was read from). */
    public record Registered(Stream stream, StreamConsumer consumer, String streamArn) {

        public String consumerArn() {
            return consumer.arn(streamArn);
        }
    }

    /**
     * How a request names a consumer: its stream and name, and, when named by ARN, the epoch second that ends the
     * ARN (which tells a consumer apart from an earlier one of the same name).
     *
     * @param createdEpochSecond null when named by stream and name
     */
    public record ConsumerRef(StreamName stream, String name, Long createdEpochSecond) {}

    /** RegisterStreamConsumer: a new consumer, CREATING for {@code runnel.fan-out.create-delay}. */
    public Registered register(StreamName name, String consumerName, Map<String, String> tags) {
        Instant now = clock.instant();
        StreamConsumer consumer = StreamConsumer.register(consumerName, tags, now, settings.createDelay());
        Stream stream = updates.update(name, now, current -> {
            updates.requireWritableMetadata(current, now);
            List<StreamConsumer> live = live(current, now);
            if (live.stream().anyMatch(c -> c.name().equals(consumerName))) {
                throw new ResourceInUseException("Consumer " + consumerName + " under stream " + current.name()
                        + " under account " + lookup.account() + " already exists.");
            }
            if (live.size() >= settings.maxConsumersPerStream()) {
                throw new LimitExceededException("Stream " + current.name() + " under account " + lookup.account()
                        + " already has " + live.size() + " registered consumers, the most a stream may have.");
            }
            long creating = live.stream()
                    .filter(c -> c.statusAt(now) == ConsumerStatus.CREATING)
                    .count();
            if (creating >= MAX_CREATING) {
                throw new LimitExceededException("Stream " + current.name() + " under account " + lookup.account()
                        + " already has " + MAX_CREATING + " consumers in CREATING status; at most " + MAX_CREATING
                        + " consumers can be created at the same time.");
            }
            List<StreamConsumer> next = new ArrayList<>(live);
            next.add(consumer);
            return current.with(c -> c.consumers = next);
        });
        return new Registered(stream, consumer, streams.arn(stream));
    }

    /**
     * DescribeStreamConsumer, and the lookup of every call that names a consumer.
     *
     * @throws ResourceNotFoundException when the stream or the consumer does not exist (or has finished
     *     deregistering), or an ARN names an earlier consumer of the same name
     */
    public Registered describe(ConsumerRef ref) {
        Instant now = clock.instant();
        Stream stream = lookup.require(ref.stream(), now);
        return find(stream, ref, now)
                .map(consumer -> new Registered(stream, consumer, streams.arn(stream)))
                .orElseThrow(() -> notFound(stream, ref.name()));
    }

    /**
     * Checks, against a version of its stream the caller already holds, that the consumer may still read: neither
     * deregistering nor gone. An enhanced fan-out subscription asks before every event.
     *
     * @throws ResourceNotFoundException otherwise
     */
    public void requireReadable(Stream stream, ConsumerRef ref, Instant now) {
        StreamConsumer consumer = find(stream, ref, now).orElseThrow(() -> notFound(stream, ref.name()));
        if (consumer.statusAt(now) == ConsumerStatus.DELETING) {
            throw notFound(stream, ref.name());
        }
    }

    /**
     * ListStreamConsumers: every consumer of the stream that has not finished deregistering, in every status,
     * in registration order.
     */
    public List<StreamConsumer> list(StreamName name) {
        Instant now = clock.instant();
        return live(lookup.require(name, now), now);
    }

    /** Consumers of the stream that have not finished deregistering (DescribeStreamSummary's ConsumerCount). */
    public int count(Stream stream) {
        return live(stream, clock.instant()).size();
    }

    /** The stream a list names. */
    public Stream stream(StreamName name) {
        return lookup.require(name, clock.instant());
    }

    /** DeregisterStreamConsumer: DELETING for {@code runnel.fan-out.delete-delay}, then gone. */
    public Registered deregister(ConsumerRef ref) {
        Instant now = clock.instant();
        StreamConsumer[] deregistered = new StreamConsumer[1];
        Stream stream = updates.update(ref.stream(), now, current -> {
            StreamConsumer consumer = find(current, ref, now).orElseThrow(() -> notFound(current, ref.name()));
            StreamConsumer deleting = consumer.deregistering(now, settings.deleteDelay());
            deregistered[0] = deleting;
            if (deleting == consumer) {
                return current;
            }
            List<StreamConsumer> next = replaced(current, consumer, deleting, now);
            String arn = consumer.arn(streams.arn(current));
            return current.with(c -> {
                c.consumers = next;
                c.features = c.features.withPolicy(arn, null);
            });
        });
        return new Registered(stream, deregistered[0], streams.arn(stream));
    }

    /** TagResource on a consumer ARN: adds or overwrites tags; a consumer holds at most 50. */
    public Registered addTags(ConsumerRef ref, Map<String, String> tags) {
        Map<String, String> checked = Tags.validated("tags", tags);
        return retag(ref, current -> {
            Map<String, String> merged = new TreeMap<>(current);
            merged.putAll(checked);
            if (merged.size() > Tags.MAX_TAGS) {
                throw new InvalidArgumentException("Failed to add tags to consumer " + ref.name() + " under account "
                        + lookup.account() + " because a given consumer cannot have more than " + Tags.MAX_TAGS
                        + " tags associated with it.");
            }
            return merged;
        });
    }

    /** UntagResource on a consumer ARN: removes tags by key; unknown keys are ignored. */
    public Registered removeTags(ConsumerRef ref, Collection<String> keys) {
        return retag(ref, current -> {
            Tags.checkKeys(keys);
            Map<String, String> remaining = new TreeMap<>(current);
            remaining.keySet().removeAll(keys);
            return remaining;
        });
    }

    private Registered retag(ConsumerRef ref, UnaryOperator<Map<String, String>> change) {
        Instant now = clock.instant();
        StreamConsumer[] changed = new StreamConsumer[1];
        Stream stream = updates.update(ref.stream(), now, current -> {
            StreamConsumer consumer = find(current, ref, now).orElseThrow(() -> notFound(current, ref.name()));
            changed[0] = consumer.withTags(change.apply(consumer.tags()));
            List<StreamConsumer> next = replaced(current, consumer, changed[0], now);
            return current.with(c -> c.consumers = next);
        });
        return new Registered(stream, changed[0], streams.arn(stream));
    }

    /** Removes consumers that finished deregistering from their streams' metadata; housekeeping runs it. */
    public int removeGone() {
        Instant now = clock.instant();
        int removed = 0;
        for (Stream stream : catalog.all()) {
            List<StreamConsumer> live = live(stream, now);
            if (live.size() < stream.consumers().size()
                    && catalog.replace(stream, stream.with(c -> c.consumers = live))) {
                removed += stream.consumers().size() - live.size();
            }
        }
        return removed;
    }

    private static Optional<StreamConsumer> find(Stream stream, ConsumerRef ref, Instant now) {
        return live(stream, now).stream()
                .filter(c -> c.name().equals(ref.name()))
                .filter(c ->
                        ref.createdEpochSecond() == null || c.createdAt().getEpochSecond() == ref.createdEpochSecond())
                .findFirst();
    }

    /** The stream's live consumers with {@code before} replaced by {@code after}, in registration order. */
    private static List<StreamConsumer> replaced(
            Stream stream, StreamConsumer before, StreamConsumer after, Instant now) {
        List<StreamConsumer> next = new ArrayList<>(live(stream, now));
        next.replaceAll(c -> c == before ? after : c);
        return next;
    }

    private static List<StreamConsumer> live(Stream stream, Instant now) {
        return stream.consumers().stream().filter(c -> !c.isGoneAt(now)).toList();
    }

    /** What a call naming a consumer that does not exist (any more) answers. */
    public ResourceNotFoundException notFound(Stream stream, String consumerName) {
        return notFound(stream, consumerName, lookup.account());
    }

    /** What a call naming a consumer that does not exist (any more) answers, in AWS's words. */
    static ResourceNotFoundException notFound(Stream stream, String consumerName, String account) {
        return new ResourceNotFoundException("Consumer " + consumerName + " under stream " + stream.name()
                + " under account " + account + " not found.");
    }
}
