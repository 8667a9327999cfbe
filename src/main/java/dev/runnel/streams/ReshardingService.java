package dev.runnel.streams;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.hash.HashKey;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Resharding;
import dev.runnel.core.stream.ScalingEvent;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.settings.Storage;
import dev.runnel.storage.ShardLogStore;
import dev.runnel.storage.StreamCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * SplitShard, MergeShards, UpdateShardCount and UpdateStreamMode. A change seals the logs of the shards it
 * closes (so their end positions are final and late writers re-route to the children), creates the
 * children's logs, then publishes the next stream version, which is UPDATING for
 * {@code runnel.streams.update-delay}. Resharding calls of a region run under its {@link ReshardingLock}, so
 * two of them never seal shards for each other; writes and reads never take it.
 *
 * <p>The seal comes before the publication, so a record can never land in a parent after its children took
 * writes. Between the two, a failure would leave an open shard with a sealed log that refuses every write;
 * the recovery rule is that <em>the catalog decides</em>: a sealed log whose shard the latest stream version
 * shows open belongs to a change that was never published, and is unsealed. A failing change applies the rule
 * to its stream before the failure propagates, and {@link #repairSeals()} applies it to every stream (after a
 * crash, and with each housekeeping run).
 */
public class ReshardingService {

    /** Kinesis allows this many UpdateShardCount calls per stream in a rolling 24 hours. */
    public static final int SHARD_COUNT_UPDATES_PER_DAY = 10;
    /** And this many mode switches. */
    public static final int MODE_UPDATES_PER_DAY = 2;
    /** The most shards UpdateShardCount scales a stream to. */
    public static final int MAX_TARGET_SHARDS = 10_000;

    private static final int KEPT_SCALING_EVENTS = 20;

    private final StreamCatalog catalog;
    private final ShardLogStore logs;
    private final StreamService streams;
    private final StreamLookup lookup;
    private final InstantSource clock;
    private final RunnelProperties properties;
    private final ReshardingLock lock;
    private final ShardChangeCommit commit;
    private final ReshardingRules rules;
    private final AccountSettingsService account;

    /**
     * @param lock excludes the region's other resharding changes
     * @param account the region's account settings, whose commitment warm throughput needs
     */
    public ReshardingService(
            StreamCatalog catalog,
            ShardLogStore logs,
            StreamService streams,
            ReshardingLock lock,
            InstantSource clock,
            RunnelProperties properties,
            AccountSettingsService account) {
        this.lock = lock;
        this.account = account;
        this.rules = new ReshardingRules(streams, properties.onDemand().maxShards());
        this.catalog = catalog;
        this.logs = logs;
        this.streams = streams;
        this.lookup = streams.lookup();
        this.commit = new ShardChangeCommit(
                catalog, logs, lookup, properties.streams().updateDelay(), sealGrace(properties), clock);
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * How long a seal may stay unpublished before the recovery rule undoes it: no time at all when this process alone
     * changes the store (the resharding lock shows no change is under way), a minute on a Kafka cluster, whose nodes
     * share no lock.
     */
    private static Duration sealGrace(RunnelProperties properties) {
        return properties.storage().type() == Storage.Type.KAFKA ? Duration.ofMinutes(1) : Duration.ZERO;
    }

    /** The outcome of UpdateShardCount: open shards before, and the target. */
    public record ShardCountUpdate(Stream stream, int currentShardCount, int targetShardCount) {}

    /** SplitShard. */
    public Stream split(StreamName name, String shardToSplit, String newStartingHashKey) {
        HashKey key = HashKey.parse(newStartingHashKey)
                .orElseThrow(() -> new InvalidArgumentException(
                        "NewStartingHashKey " + newStartingHashKey + " is not a hash key in the range [0, 2^128-1]."));
        return locked(() -> {
            Instant now = now();
            Stream stream = lookup.requireActive(name, now);
            rules.provisionedOnly(stream, "SplitShard");
            ShardId id = rules.shardId(stream, shardToSplit);
            Resharding.split(stream, id, key, 0, now, account());
            streams.checkShardLimit(1);
            return commit.sealAndPublish(
                    stream,
                    List.of(id),
                    now,
                    ends -> current -> Resharding.split(current, id, key, ends.get(id), now, account()));
        });
    }

    /** MergeShards. */
    public Stream merge(StreamName name, String shardToMerge, String adjacentShardToMerge) {
        return locked(() -> {
            Instant now = now();
            Stream stream = lookup.requireActive(name, now);
            rules.provisionedOnly(stream, "MergeShards");
            ShardId first = rules.shardId(stream, shardToMerge);
            ShardId second = rules.shardId(stream, adjacentShardToMerge);
            Resharding.merge(stream, first, second, 0, 0, now, account());
            return commit.sealAndPublish(
                    stream,
                    List.of(first, second),
                    now,
                    ends -> current -> Resharding.merge(
                            current, first, second, ends.get(first), ends.get(second), now, account()));
        });
    }

    /** UpdateShardCount with UNIFORM_SCALING, within Kinesis's limits. */
    public ShardCountUpdate updateShardCount(StreamName name, int target) {
        return locked(() -> {
            Instant now = now();
            Stream stream = lookup.requireActive(name, now);
            int current = stream.openShardCount();
            rules.checkShardCount(stream, current, target, now);
            Stream updated = scale(stream, target, now, latest -> {
                List<Instant> history = ReshardingRules.recent(latest.shardCountUpdates(), now);
                history.add(now);
                return latest.with(c -> c.shardCountUpdates = history);
            });
            return new ShardCountUpdate(updated, current, target);
        });
    }

    /**
     * An automatic step of an ON_DEMAND stream to {@code target} uniform shards, recorded in its scaling
     * events. Not subject to UpdateShardCount's daily quota, but to the shard limit.
     */
    public Stream scaleOnDemand(StreamName name, int target, String reason) {
        return locked(() -> {
            Instant now = now();
            Stream stream = lookup.requireActive(name, now);
            if (stream.mode() != StreamMode.ON_DEMAND) {
                throw new InvalidArgumentException("Stream " + name + " is not in ON_DEMAND mode.");
            }
            int current = stream.openShardCount();
            if (target > current) {
                streams.checkShardLimit(target - current);
            }
            ScalingEvent event = new ScalingEvent(now, current, target, reason);
            return scale(stream, target, now, latest -> withEvent(latest, event));
        });
    }

    private static Stream withEvent(Stream stream, ScalingEvent event) {
        List<ScalingEvent> events = new ArrayList<>(stream.scalingEvents());
        events.add(event);
        List<ScalingEvent> kept = events.subList(Math.max(0, events.size() - KEPT_SCALING_EVENTS), events.size());
        return stream.with(c -> c.scalingEvents = kept);
    }

    /** Seals the shards uniform scaling closes, then publishes the scaled layout with the bookkeeping. */
    private Stream scale(Stream stream, int target, Instant now, UnaryOperator<Stream> bookkeeping) {
        Set<ShardId> closing = Resharding.closedByUniformScaling(stream, target);
        return commit.sealAndPublish(stream, List.copyOf(closing), now, ends -> latest -> {
            Stream scaled = target == latest.openShardCount() && closing.isEmpty()
                    ? latest
                    : Resharding.scaleUniformly(latest, target, ends::get, now);
            return bookkeeping.apply(scaled);
        });
    }

    /** UpdateStreamMode: PROVISIONED keeps its shards; ON_DEMAND then scales them by itself. */
    public Stream updateMode(StreamName name, StreamMode mode) {
        return updateMode(name, mode, null);
    }

    /**
     * UpdateStreamMode. A stream that becomes PROVISIONED keeps its shards and loses its warm throughput and AUTO
     * distribution; one that becomes ON_DEMAND scales by itself, from at least the shards of {@code
     * warmThroughputMiBps} when that is given.
     *
     * @param warmThroughputMiBps only for a switch to ON_DEMAND in an account with the throughput commitment
     */
    public Stream updateMode(StreamName name, StreamMode mode, Integer warmThroughputMiBps) {
        if (warmThroughputMiBps != null) {
            if (mode != StreamMode.ON_DEMAND) {
                throw new InvalidArgumentException(
                        "WarmThroughputMiBps is only valid when the stream mode is being updated to ON_DEMAND.");
            }
            account.requireCommitment();
            rules.warmShards(warmThroughputMiBps);
        }
        return locked(() -> {
            Instant now = now();
            Stream stream = lookup.requireActive(name, now);
            rules.checkModeSwitch(stream, mode, now);
            UnaryOperator<Stream> change = latest -> {
                List<Instant> history = ReshardingRules.recent(latest.modeUpdates(), now);
                history.add(now);
                return latest.with(c -> {
                    c.mode = mode;
                    c.modeUpdates = history;
                    c.features = mode == StreamMode.PROVISIONED ? c.features.forProvisioned() : c.features;
                });
            };
            return warmThroughputMiBps == null
                    ? commit.publish(name, now, change)
                    : warmUp(stream, warmThroughputMiBps, now, change);
        });
    }

    /**
     * UpdateStreamWarmThroughput: sets an ON_DEMAND stream's warm throughput, first scaling it up to the open
     * shards that throughput takes (at 1 MiB/s a shard); UPDATING either way. A lower value only lowers the floor
     * automatic scaling keeps to: Runnel never scales a stream down.
     */
    public Stream updateWarmThroughput(StreamName name, int mibps) {
        account.requireCommitment();
        rules.warmShards(mibps);
        return locked(() -> {
            Instant now = now();
            Stream stream = lookup.requireActive(name, now);
            rules.onDemandOnly(stream, "UpdateStreamWarmThroughput");
            return warmUp(stream, mibps, now, UnaryOperator.identity());
        });
    }

    /**
     * The open shards {@code mibps} of warm throughput takes.
     *
     * @throws dev.runnel.core.error.LimitExceededException beyond 10 GiB/s or {@code runnel.on-demand.max-shards}
     */
    public int warmShards(int mibps) {
        return rules.warmShards(mibps);
    }

    /** Publishes {@code change} with the warm throughput set, scaling up first when the stream has too few shards. */
    private Stream warmUp(Stream stream, int mibps, Instant now, UnaryOperator<Stream> change) {
        UnaryOperator<Stream> warm =
                latest -> change.apply(latest).with(c -> c.features = c.features.withWarmThroughput(mibps));
        int open = stream.openShardCount();
        int floor = rules.warmShards(mibps);
        if (floor <= open) {
            return commit.publish(stream.name(), now, warm);
        }
        streams.checkShardLimit(floor - open);
        ScalingEvent event = new ScalingEvent(now, open, floor, "warm throughput of " + mibps + " MiB/s");
        return scale(stream, floor, now, latest -> withEvent(warm.apply(latest), event));
    }

    /** Now, to the millisecond, as shard opening and closing times are reported. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Runs one resharding call under the region's resharding lock. */
    private <T> T locked(Supplier<T> call) {
        return lock.exclusively(call);
    }

    /**
     * The recovery rule for every stream of the region: a sealed log whose shard the latest version shows open
     * belongs to a change that was never published (it failed, or the process died, between sealing and the
     * catalog's compare-and-set) and takes writes again. Runs under the resharding lock, so it never undoes the
     * seal of a change under way. Housekeeping runs it; a store that recovers its logs at start needs it then.
     *
     * @return how many logs it unsealed
     */
    public int repairSeals() {
        return locked(commit::repairAll);
    }

    private String account() {
        return streams.account();
    }
}
