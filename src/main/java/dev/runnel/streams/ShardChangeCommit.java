package dev.runnel.streams;

import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogStore;
import dev.runnel.storage.StreamCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * How a change to a stream's shards is committed: seal the logs of the shards it closes, create the logs of
 * the shards it opens, and publish the next stream version by compare-and-set on the catalog; and the recovery
 * rule for a change that sealed logs but never published (see {@link ReshardingService}). Callers hold the
 * region's {@link ReshardingLock}. Thread-safe under that lock.
 */
final class ShardChangeCommit {

    private final StreamCatalog catalog;
    private final ShardLogStore logs;
    private final StreamLookup lookup;
    private final Duration updateDelay;

    /** @param updateDelay how long a changed stream stays UPDATING */
    ShardChangeCommit(StreamCatalog catalog, ShardLogStore logs, StreamLookup lookup, Duration updateDelay) {
        this.catalog = catalog;
        this.logs = logs;
        this.lookup = lookup;
        this.updateDelay = updateDelay;
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
            Map<ShardId, Long> ends = new HashMap<>();
            for (ShardId id : closing) {
                ends.put(id, lookup.log(stream, id).seal());
            }
            return publish(stream.name(), now, change.apply(ends));
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
        return catalog.all().stream().mapToInt(this::unsealOpenShards).sum();
    }

    private int unsealOpenShards(Stream stream) {
        int unsealed = 0;
        for (Shard shard : stream.shards()) {
            if (shard.isOpen()) {
                Optional<ShardLog> log = logs.find(stream.incarnation(), shard.id());
                if (log.isPresent() && log.get().isSealed()) {
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
            created.forEach(shard -> logs.drop(updated.incarnation(), shard.id()));
        }
    }
}
