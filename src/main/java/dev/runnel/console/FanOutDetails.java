package dev.runnel.console;

import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamConsumer;
import dev.runnel.records.ActiveSubscription;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The stream page's enhanced fan-out section: the stream's consumers, and on each shard each consumer's
 * subscription (whether it is subscribed, since when, how far behind its last event was). Read-only: consumers
 * are registered through the AWS API.
 *
 * @param consumers the consumers that have not finished deregistering, in registration order
 * @param shards a row per shard of the shard table, each with a cell per consumer in the order of {@code
 *     consumers}; empty when there are no consumers
 */
public record FanOutDetails(List<ConsumerRow> consumers, List<ShardSubscriptions> shards) {

    /**
     * A registered consumer.
     *
     * @param createdAt when it was registered, as {@link ConsoleTime} writes it
     */
    public record ConsumerRow(String name, String status, String arn, String createdAt) {}

    /** The consumers' subscriptions on one shard. */
    public record ShardSubscriptions(String shardId, List<SubscriptionCell> consumers) {}

    /**
     * One consumer on one shard.
     *
     * @param since when its current SubscribeToShard call started, as {@link ConsoleTime} writes it; null when it
     *     is not subscribed
     * @param millisBehindLatest the MillisBehindLatest of its last event; null when not subscribed or before the
     *     first event
     * @param deliveredRecords records the current subscription pushed so far
     */
    public record SubscriptionCell(String consumerName, String since, Long millisBehindLatest, long deliveredRecords) {

        public boolean subscribed() {
            return since != null;
        }

        /** e.g. "caught up", "1,250 ms behind". */
        public String lagText() {
            if (millisBehindLatest == null) {
                return "no event yet";
            }
            return millisBehindLatest == 0
                    ? "caught up"
                    : String.format(Locale.ROOT, "%,d ms behind", millisBehindLatest);
        }
    }

    /**
     * @param streamArn the stream's ARN, which consumer ARNs extend
     * @param active the subscriptions streaming now on the stream's shards
     */
    static FanOutDetails of(Stream stream, String streamArn, Instant now, List<ActiveSubscription> active) {
        List<StreamConsumer> consumers =
                stream.consumers().stream().filter(c -> !c.isGoneAt(now)).toList();
        if (consumers.isEmpty()) {
            return new FanOutDetails(List.of(), List.of());
        }
        Map<Key, ActiveSubscription> byShardAndConsumer = new HashMap<>();
        for (ActiveSubscription subscription : active) {
            byShardAndConsumer.put(new Key(subscription.shardId(), subscription.consumerArn()), subscription);
        }
        List<ShardSubscriptions> shards = stream.shards().stream()
                .map(Shard::id)
                .map(shard -> new ShardSubscriptions(
                        shard.toString(),
                        consumers.stream()
                                .map(consumer -> cell(
                                        consumer.name(),
                                        byShardAndConsumer.get(new Key(shard, consumer.arn(streamArn)))))
                                .toList()))
                .toList();
        return new FanOutDetails(
                consumers.stream()
                        .map(c -> new ConsumerRow(
                                c.name(), c.statusAt(now).name(), c.arn(streamArn), ConsoleTime.format(c.createdAt())))
                        .toList(),
                shards);
    }

    private record Key(ShardId shard, String consumerArn) {}

    private static SubscriptionCell cell(String consumerName, ActiveSubscription subscription) {
        return subscription == null
                ? new SubscriptionCell(consumerName, null, null, 0)
                : new SubscriptionCell(
                        consumerName,
                        ConsoleTime.format(subscription.startedAt()),
                        subscription.millisBehindLatest(),
                        subscription.deliveredRecords());
    }
}
