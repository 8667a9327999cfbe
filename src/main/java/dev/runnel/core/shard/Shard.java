package dev.runnel.core.shard;

import dev.runnel.core.hash.HashKeyRange;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One shard of a stream. A shard is open until it is split or merged; then it is closed at
 * {@code endPosition}, the first log position it never received. Immutable.
 *
 * @param id the shard's id within its stream
 * @param hashKeyRange the inclusive hash-key range it owned while open
 * @param parent the shard it was split from or merged from, if any
 * @param adjacentParent the second parent of a merge, if any
 * @param openedAt when the shard started taking records
 * @param endPosition when closed, the exclusive end of its log positions; null while open
 * @param closedAt when closed, the instant it stopped taking records; null while open
 */
public record Shard(
        ShardId id,
        HashKeyRange hashKeyRange,
        ShardId parent,
        ShardId adjacentParent,
        Instant openedAt,
        Long endPosition,
        Instant closedAt) {

    public Shard {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hashKeyRange, "hashKeyRange");
        Objects.requireNonNull(openedAt, "openedAt");
        if (adjacentParent != null && parent == null) {
            throw new IllegalArgumentException("an adjacent parent needs a parent");
        }
        if ((endPosition == null) != (closedAt == null)) {
            throw new IllegalArgumentException("a closed shard has both an end position and a closing time");
        }
        if (endPosition != null && endPosition < 0) {
            throw new IllegalArgumentException("end position must not be negative");
        }
    }

    /** A shard of a new stream: no parents, open since {@code openedAt}. */
    public static Shard initial(ShardId id, HashKeyRange range, Instant openedAt) {
        return new Shard(id, range, null, null, openedAt, null, null);
    }

    public boolean isOpen() {
        return endPosition == null;
    }

    /** Whether the shard took records at the instant: opened at or before it, and not closed before it. */
    public boolean isOpenAt(Instant instant) {
        return !openedAt.isAfter(instant) && (closedAt == null || !closedAt.isBefore(instant));
    }

    public Optional<ShardId> parentShardId() {
        return Optional.ofNullable(parent);
    }

    public Optional<ShardId> adjacentParentShardId() {
        return Optional.ofNullable(adjacentParent);
    }

    public Shard closedAt(long position, Instant instant) {
        return new Shard(id, hashKeyRange, parent, adjacentParent, openedAt, position, instant);
    }
}
