package dev.runnel.aws;

import dev.runnel.records.Subscription;

/** What SubscribeToShard answers: not one object but a stream of events, which the AWS edge pushes. */
public record SubscriptionAnswer(Subscription subscription) {}
