package dev.runnel.core.stream;

import java.time.Instant;

/**
 * One automatic scaling step of an ON_DEMAND stream.
 *
 * @param at when the step started
 * @param fromShards open shards before
 * @param toShards open shards after
 * @param reason the measurement that triggered it, in words
 */
public record ScalingEvent(Instant at, int fromShards, int toShards, String reason) {}
