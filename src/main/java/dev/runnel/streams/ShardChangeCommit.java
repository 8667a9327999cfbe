package dev.runnel.streams;

import dev.runnel.core.error.InternalFailureException;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogStore;
import dev.runnel.storage.StreamCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * How a change to a stream's shards is committed: seal the logs of the shards it closes, create the logs of
 * the shards it opens, and publish the next stream version by compare-and-set on the catalog; and the recovery
 * rule for a change that sealed logs but never published (see {@link ReshardingService}). Callers hold the
 * region's {@link ReshardingLock}. Thread-safe under that lock.
 *
 * <p><b>Several nodes</b> (a shared store) hold no common lock, so the recovery rule cannot tell a change another
 * node has under way from one that died half way. There the rule waits: a log is unsealed only once it has been
 * seen sealed under an open shard for the whole {@code sealGrace}, and a change whose seal is older than half the
 * grace gives up instead of publishing (and unseals itself), so a repair never undoes a seal that is still about to
 * be published.
 */
final class ShardChangeCommit {

    private record LogKey(long incarnation, ShardId shard) {}

    private final StreamCatalog catalog;
    private final ShardLogStore logs;
    private final StreamLookup lookup;
    private final Duration updateDelay;
    private final Duration sealGrace;
    private final InstantSource clock;
    private final Map<LogKey, Instant> suspects = new HashMap<>();

    /**
     * @param updateDelay how long a changed stream stays UPDATING
     * @param sealGrace zero when this process alone changes the store; otherwise how long a seal may stay unpublished
     *     before the recovery rule undoes it
     */
    ShardChangeCommit(
            StreamCatalog catalog,
            ShardLogStore logs,
            StreamLookup lookup,
            Duration updateDelay,
            Duration sealGrace,
            InstantSource clock) {
        this.catalog = catalog;
        this.logs = logs;
        this.lookup = lookup;
        this.updateDelay = updateDelay;
        this.sealGrace = sealGrace;
        this.clock = clock;
    }

    /**
     * Seals the logs of the shards a change closes, then publishes the change, which learns their final end
     * positions. Should anything fail on the way, the recovery rule runs on the stream before the failure
     * propagates, so a shard the catalog still shows open takes writes again.
     */
    Stream sealAndPublish(
            Stream stream,
            List<ShardId> closing,
            Instant now,
            Function<Map<ShardId, Long>, UnaryOperator<Stream>> change) {
        try {
            Instant sealedAt = clock.instant();
            Map<ShardId, Long> ends = new HashMap<>();
            for (ShardId id : closing) {
                ends.put(id, lookup.log(stream, id).seal());
            }
            UnaryOperator<Stream> sealedChange = change.apply(ends);
            return publish(stream.name(), now, latest -> {
                if (sharedStore() && clock.instant().isAfter(sealedAt.plus(sealGrace.dividedBy(2)))) {
                    throw new InternalFailureException("Internal service failure.");
                }
                return sealedChange.apply(latest);
            });
        } catch (RuntimeException | Error failed) {
            catalog.find(stream.name())
                    .filter(latest -> latest.incarnation() == stream.incarnation())
                    .ifPresent(this::unsealOpenShards);
            throw failed;
        }
    }

    /**
     * The recovery rule for every stream of the region; the caller holds the resharding lock.
     *
     * @return how many logs it unsealed
     */
    int repairAll() {
        Instant now = clock.instant();
        Map<LogKey, Instant> seen = new HashMap<>();
        int unsealed = catalog.all().stream()
                .mapToInt(stream -> unsealOpenShards(stream, key -> {
                    Instant first = suspects.getOrDefault(key, now);
                    seen.put(key, first);
                    return !now.isBefore(first.plus(sealGrace));
                }))
                .sum();
        suspects.clear();
        suspects.putAll(seen);
        return unsealed;
    }

    private int unsealOpenShards(Stream stream) {
        return unsealOpenShards(stream, key -> true);
    }

    private int unsealOpenShards(Stream stream, Predicate<LogKey> due) {
        int unsealed = 0;
        for (Shard shard : stream.shards()) {
            if (shard.isOpen()) {
                Optional<ShardLog> log = logs.find(stream.incarnation(), shard.id());
                if (log.isPresent() && log.get().isSealed() && due.test(new LogKey(stream.incarnation(), shard.id()))) {
                    log.get().unseal();
                    unsealed++;
                }
            }
        }
        return unsealed;
    }

    /**
     * Creates the logs of the shards the change opens and publishes it (UPDATING for a while). Other metadata
     * may change meanwhile (tags, retention), so the change is re-applied to the latest version until the
     * compare-and-set succeeds; only resharding closes shards, and its caller holds the resharding lock.
     */
    Stream publish(StreamName name, Instant now, UnaryOperator<Stream> change) {
        while (true) {
            Stream latest = lookup.require(name, now);
            Stream updated = change.apply(latest).with(c -> c.updatingUntil = now.plus(updateDelay));
            List<Shard> created = new ArrayList<>();
            for (Shard shard : updated.shards()) {
                if (shard.id().index() >= latest.nextShardIndex()) {
                    created.add(shard);
                    logs.create(updated.incarnation(), shard.id());
                    if (!shard.isOpen()) {
                        logs.find(updated.incarnation(), shard.id()).ifPresent(log -> log.seal());
                    }
                }
            }
            if (catalog.replace(latest, updated)) {
                return updated;
            }
            if (!sharedStore()) {
                created.forEach(shard -> logs.drop(updated.incarnation(), shard.id()));
            }
            // On a shared store the change that won may have opened shards at these very indexes: their logs stay.
        }
    }

    /** Whether other processes change the store too: exactly when the seal grace is not zero (see the constructor). */
    private boolean sharedStore() {
        return !sealGrace.isZero();
    }
}
