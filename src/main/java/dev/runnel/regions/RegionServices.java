package dev.runnel.regions;

import dev.runnel.records.RecordService;
import dev.runnel.records.ShardIteratorService;
import dev.runnel.records.Subscriptions;
import dev.runnel.streams.AccountSettingsService;
import dev.runnel.streams.ChannelService;
import dev.runnel.streams.ConsumerService;
import dev.runnel.streams.OnDemandScaling;
import dev.runnel.streams.ReshardingService;
import dev.runnel.streams.ResourcePolicyService;
import dev.runnel.streams.StreamService;
import dev.runnel.streams.StreamSettingsService;

/**
 * The services of one account and region: its streams, their shards, iterators and records, its account settings,
 * channels and resource policies.
 */
public record RegionServices(
        String region,
        StreamService streams,
        StreamSettingsService settings,
        ReshardingService resharding,
        ShardIteratorService iterators,
        RecordService records,
        OnDemandScaling onDemand,
        ConsumerService consumers,
        Subscriptions subscriptions,
        AccountSettingsService accountSettings,
        ChannelService channels,
        ResourcePolicyService policies) {}
