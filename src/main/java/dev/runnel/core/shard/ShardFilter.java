package dev.runnel.core.shard;

import dev.runnel.core.error.InvalidArgumentException;
import java.time.Instant;
import java.util.Objects;

/**
 * Which shards ListShards returns (Kinesis's {@code ShardFilter}). Shards whose data has all expired are
 * never listed, whatever the filter. Immutable.
 *
 * @param shardId for AFTER_SHARD_ID only
 * @param timestamp for AT_TIMESTAMP and FROM_TIMESTAMP only
 */
public record ShardFilter(Type type, ShardId shardId, Instant timestamp) {

    public enum Type {
        /** Shards whose id comes after {@code shardId}. */
        AFTER_SHARD_ID,
        /** Shards that were open at the trim horizon. */
        AT_TRIM_HORIZON,
        /** Every shard still holding data, from the trim horizon to the tip (the default). */
        FROM_TRIM_HORIZON,
        /** The shards open now. */
        AT_LATEST,
        /** Shards that were open at {@code timestamp}. */
        AT_TIMESTAMP,
        /** Shards open at or after {@code timestamp}: open ones, and closed ones that closed at or after it. */
        FROM_TIMESTAMP
    }

    /** Every shard still holding data. */
    public static final ShardFilter ALL = new ShardFilter(Type.FROM_TRIM_HORIZON, null, null);

    /** @throws InvalidArgumentException when the shard id or timestamp is missing where needed, or given where not */
    public ShardFilter {
        Objects.requireNonNull(type, "type");
        boolean needsShard = type == Type.AFTER_SHARD_ID;
        boolean needsTime = type == Type.AT_TIMESTAMP || type == Type.FROM_TIMESTAMP;
        if (needsShard != (shardId != null)) {
            throw new InvalidArgumentException(
                    needsShard
                            ? "ShardId must be provided with the ShardFilter type AFTER_SHARD_ID."
                            : "ShardId can only be provided with the ShardFilter type AFTER_SHARD_ID, not " + type
                                    + ".");
        }
        if (needsTime != (timestamp != null)) {
            throw new InvalidArgumentException(
                    needsTime
                            ? "Timestamp must be provided with the ShardFilter type " + type + "."
                            : "Timestamp can only be provided with the ShardFilter types AT_TIMESTAMP and FROM_TIMESTAMP, not "
                                    + type + ".");
        }
    }

    /**
     * Whether the filter lets the shard through.
     *
     * @param streamCreatedAt times before the stream existed count as its creation
     * @param trimHorizon the oldest arrival time still retained
     */
    public boolean matches(Shard shard, Instant streamCreatedAt, Instant trimHorizon) {
        return switch (type) {
            case AFTER_SHARD_ID -> shard.id().compareTo(shardId) > 0;
            case AT_TRIM_HORIZON -> shard.isOpenAt(latest(trimHorizon, streamCreatedAt));
            case FROM_TRIM_HORIZON -> true;
            case AT_LATEST -> shard.isOpen();
            case AT_TIMESTAMP -> shard.isOpenAt(latest(timestamp, streamCreatedAt));
            case FROM_TIMESTAMP ->
                shard.isOpen() || !shard.closedAt().isBefore(latest(latest(timestamp, trimHorizon), streamCreatedAt));
        };
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
