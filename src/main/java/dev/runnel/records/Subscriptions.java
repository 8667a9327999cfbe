package dev.runnel.records;

import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.ConsumerStatus;
import dev.runnel.core.stream.Stream;
import dev.runnel.insight.TrafficMeter;
import dev.runnel.settings.FanOut;
import dev.runnel.streams.ConsumerService;
import dev.runnel.streams.ConsumerService.ConsumerRef;
import dev.runnel.streams.StreamLookup;
import dev.runnel.throttling.Throttler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * SubscribeToShard's rules: the consumer must be ACTIVE and the shard one of its stream's; the starting position
 * follows GetShardIterator's; and a consumer reads a shard through one subscription at a time: a new call within
 * {@link #RESUBSCRIBE_GUARD} of the previous successful one is ResourceInUseException, a later one takes over and
 * the older subscription ends with ResourceInUseException. Thread-safe.
 */
public class Subscriptions {

    /** How long after a successful SubscribeToShard the same consumer and shard are refused. */
    public static final Duration RESUBSCRIBE_GUARD = Duration.ofSeconds(5);

    private final ConsumerService consumers;
    private final StreamLookup lookup;
    private final ShardIteratorService iterators;
    private final InstantSource clock;
    private final FanOut settings;
    private final Throttler throttler;
    private final TrafficMeter traffic;
    private final ReadMemoryBudget reads;
    private final StartedSubscriptions started = new StartedSubscriptions();

    /** Subscriptions whose events the read budget never holds back (tests). */
    public Subscriptions(
            ConsumerService consumers,
            StreamLookup lookup,
            ShardIteratorService iterators,
            InstantSource clock,
            FanOut settings,
            Throttler throttler,
            TrafficMeter traffic) {
        this(consumers, lookup, iterators, clock, settings, throttler, traffic, ReadMemoryBudget.unlimited());
    }

    /** @param reads the read budget each event takes its records' bytes from until it has been written */
    public Subscriptions(
            ConsumerService consumers,
            StreamLookup lookup,
            ShardIteratorService iterators,
            InstantSource clock,
            FanOut settings,
            Throttler throttler,
            TrafficMeter traffic,
            ReadMemoryBudget reads) {
        this.reads = reads;
        this.consumers = consumers;
        this.lookup = lookup;
        this.iterators = iterators;
        this.clock = clock;
        this.settings = settings;
        this.throttler = throttler;
        this.traffic = traffic;
    }

    /**
     * SubscribeToShard, up to the first event: checks the call and starts the subscription.
     *
     * @throws dev.runnel.core.error.ResourceNotFoundException when the consumer, its stream or the shard does not
     *     exist
     * @throws ResourceInUseException when the consumer is not ACTIVE, or subscribed to the shard less than five
     *     seconds ago
     * @throws dev.runnel.core.error.InvalidArgumentException for a starting position GetShardIterator refuses
     */
    public Subscription subscribe(ConsumerRef ref, String shardId, StartingPosition start) {
        Instant now = clock.instant();
        ConsumerService.Registered consumer = consumers.describe(ref);
        ConsumerStatus status = consumer.consumer().statusAt(now);
        if (status != ConsumerStatus.ACTIVE) {
            throw new ResourceInUseException(
                    "Consumer " + consumer.consumerArn() + " is not ACTIVE, instead in state " + status + ".");
        }
        ShardCursor cursor = iterators.locate(consumer.stream().name(), shardId, start, now);
        ConsumerRef pinned = new ConsumerRef(
                consumer.stream().name(),
                consumer.consumer().name(),
                consumer.consumer().createdAt().getEpochSecond());
        Subscription subscription = new Subscription(
                this,
                pinned,
                consumer.consumerArn(),
                cursor,
                now,
                now.plus(settings.subscriptionLifetime()),
                throttler.fanOutPacer(),
                traffic.shard(cursor.stream().incarnation(), cursor.shard().id()));
        StartedSubscriptions.ShardKey shard = new StartedSubscriptions.ShardKey(
                cursor.stream().incarnation(), cursor.shard().id());
        if (!started.start(shard, consumer.consumerArn(), subscription, now, RESUBSCRIBE_GUARD)) {
            throw new ResourceInUseException("Another active subscription exists for consumer "
                    + consumer.consumerArn() + " on shard " + cursor.shard().id()
                    + "; a consumer may subscribe to a shard again " + RESUBSCRIBE_GUARD.toSeconds()
                    + " seconds after its previous SubscribeToShard.");
        }
        started.purge(now, RESUBSCRIBE_GUARD);
        return subscription;
    }

    /** Subscriptions streaming now, on every stream. */
    public long activeCount() {
        return started.activeCount();
    }

    /** How many subscriptions stream now on one shard of a stream incarnation. */
    public int activeCount(long incarnation, ShardId shard) {
        return started.activeCount(new StartedSubscriptions.ShardKey(incarnation, shard));
    }

    /** The subscriptions streaming now on one shard of a stream incarnation, by consumer name. */
    public List<ActiveSubscription> active(long incarnation, ShardId shard) {
        return started.active(new StartedSubscriptions.ShardKey(incarnation, shard)).stream()
                .map(Subscription::view)
                .sorted(Comparator.comparing(ActiveSubscription::consumerName))
                .toList();
    }

    /** The consumer's subscription streaming now on one shard of a stream incarnation, if any. */
    public Optional<ActiveSubscription> active(long incarnation, ShardId shard, String consumerArn) {
        Subscription active = started.active(new StartedSubscriptions.ShardKey(incarnation, shard), consumerArn);
        return active == null ? Optional.empty() : Optional.of(active.view());
    }

    /** The subscriptions streaming now on the stream's shards, in shard order, then by consumer name. */
    public List<ActiveSubscription> active(Stream stream) {
        List<ActiveSubscription> active = new ArrayList<>();
        for (Shard shard : stream.shards()) {
            active.addAll(active(stream.incarnation(), shard.id()));
        }
        return List.copyOf(active);
    }

    /** The read budget events take their records' bytes from. */
    ReadMemoryBudget reads() {
        return reads;
    }

    Instant now() {
        return clock.instant();
    }

    Stream latest(Stream stream, Instant now) {
        return lookup.latest(stream, now);
    }

    /** The subscription's consumer may still read from this version of its stream; ResourceNotFound if not. */
    void requireReadable(Stream stream, ConsumerRef ref, Instant now) {
        consumers.requireReadable(stream, ref, now);
    }
}
