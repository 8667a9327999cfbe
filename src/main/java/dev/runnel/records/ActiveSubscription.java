package dev.runnel.records;

import dev.runnel.core.shard.ShardId;
import java.time.Instant;

/**
 * What the console and the metrics see of one subscription that is streaming: a snapshot taken when asked, never
 * updated afterwards.
 *
 * @param consumerArn the consumer's ARN, which tells consumers of the same name in different streams apart
 * @param startedAt when its SubscribeToShard call started (a consumer subscribes again every five minutes)
 * @param millisBehindLatest the MillisBehindLatest of its last event; null before its first event
 * @param deliveredRecords records it pushed so far
 * @param deliveredBytes data plus partition-key bytes of those records
 */
public record ActiveSubscription(
        String consumerName,
        String consumerArn,
        ShardId shardId,
        Instant startedAt,
        Long millisBehindLatest,
        long deliveredRecords,
        long deliveredBytes) {}
