package dev.runnel.records;

import dev.runnel.core.shard.ShardId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest successful SubscribeToShard of each consumer on each shard, and when it started, grouped by shard so
 * that a shard's subscribers are found without a scan. Each shard's entries are an immutable map, replaced under
 * that shard's lock ({@link ConcurrentHashMap#compute}), so readers on other threads see a consistent set without
 * locking. Ended subscriptions stay until {@link #purge} (they still guard against a quick resubscription).
 * Thread-safe.
 */
final class StartedSubscriptions {

    /** A shard of one stream incarnation (a stream made again under the same name has other shards). */
    record ShardKey(long incarnation, ShardId shard) {}

    /** A subscription and when it started. */
    record Started(Subscription subscription, Instant at) {}

    private final Map<ShardKey, Map<String, Started>> byShard = new ConcurrentHashMap<>();

    /**
     * Makes {@code subscription} the consumer's subscription on the shard, unless its previous one started less
     * than {@code guard} before {@code now}; a previous one that is replaced is taken over (it ends).
     *
     * @return whether {@code subscription} started
     */
    boolean start(ShardKey shard, String consumerArn, Subscription subscription, Instant now, Duration guard) {
        Map<String, Started> after = byShard.compute(shard, (key, current) -> {
            Started before = current == null ? null : current.get(consumerArn);
            if (before != null && now.isBefore(before.at().plus(guard))) {
                return current;
            }
            if (before != null) {
                before.subscription().takeOver();
            }
            Map<String, Started> next = current == null ? new HashMap<>() : new HashMap<>(current);
            next.put(consumerArn, new Started(subscription, now));
            return Map.copyOf(next);
        });
        return after.get(consumerArn).subscription() == subscription;
    }

    /** The subscriptions streaming now on the shard, in no particular order. */
    List<Subscription> active(ShardKey shard) {
        Map<String, Started> started = byShard.getOrDefault(shard, Map.of());
        return started.values().stream()
                .map(Started::subscription)
                .filter(s -> !s.isCancelled())
                .toList();
    }

    /** The consumer's subscription on the shard if it streams now, else null. */
    Subscription active(ShardKey shard, String consumerArn) {
        Started started = byShard.getOrDefault(shard, Map.of()).get(consumerArn);
        return started == null || started.subscription().isCancelled() ? null : started.subscription();
    }

    /** How many subscriptions stream now on the shard. */
    int activeCount(ShardKey shard) {
        int count = 0;
        for (Started started : byShard.getOrDefault(shard, Map.of()).values()) {
            if (!started.subscription().isCancelled()) {
                count++;
            }
        }
        return count;
    }

    /** How many subscriptions stream now on every shard. */
    long activeCount() {
        long count = 0;
        for (ShardKey shard : byShard.keySet()) {
            count += activeCount(shard);
        }
        return count;
    }

    /** Forgets the subscriptions that ended at least {@code guard} before {@code now}. */
    void purge(Instant now, Duration guard) {
        for (ShardKey shard : byShard.keySet()) {
            byShard.computeIfPresent(shard, (key, current) -> {
                if (current.values().stream().noneMatch(s -> isOver(s, now, guard))) {
                    return current;
                }
                Map<String, Started> kept = new HashMap<>(current);
                kept.values().removeIf(s -> isOver(s, now, guard));
                return kept.isEmpty() ? null : Map.copyOf(kept);
            });
        }
    }

    private static boolean isOver(Started started, Instant now, Duration guard) {
        return started.subscription().isCancelled()
                && !now.isBefore(started.at().plus(guard));
    }
}
