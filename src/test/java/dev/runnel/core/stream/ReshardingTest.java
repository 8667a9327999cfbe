package dev.runnel.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.hash.HashKey;
import dev.runnel.core.hash.HashKeyRange;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReshardingTest {

    private static final String ACCOUNT = "123456789012";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(127);
    private static final BigInteger MAX = HashKey.MAX.toBigInteger();

    private static Stream stream(int shards) {
        return Stream.create(
                StreamName.of("s"), 7L, StreamMode.PROVISIONED, shards, 24, 1024, Map.of(), T0, Duration.ZERO);
    }

    private static ShardId id(int index) {
        return new ShardId(index);
    }

    private static HashKey key(BigInteger value) {
        return HashKey.of(value);
    }

    private static HashKeyRange range(BigInteger start, BigInteger end) {
        return new HashKeyRange(key(start), key(end));
    }

    private static Shard shard(Stream stream, int index) {
        return stream.shard(id(index)).orElseThrow();
    }

    private static String splitKeyMessage(BigInteger k, int shard, BigInteger s, BigInteger e) {
        return "NewStartingHashKey " + k + " used in SplitShard() on shard " + id(shard) + " in stream s under account "
                + ACCOUNT + " is not both greater than one plus the shard's StartingHashKey " + s
                + " and less than the shard's EndingHashKey " + e + ".";
    }

    // ---- split --------------------------------------------------------------------------------------------

    @Test
    void splitClosesTheParentAtItsEndAndOpensTwoChildrenWithTheNextIds() {
        Stream before = stream(1);
        Stream after = Resharding.split(before, id(0), key(HALF), 42, T1, ACCOUNT);

        Shard parent = shard(after, 0);
        assertThat(parent.isOpen()).isFalse();
        assertThat(parent.endPosition()).isEqualTo(42);
        assertThat(parent.closedAt()).isEqualTo(T1);
        assertThat(parent.hashKeyRange()).isEqualTo(HashKeyRange.ALL);

        Shard low = shard(after, 1);
        Shard high = shard(after, 2);
        assertThat(low.hashKeyRange()).isEqualTo(range(BigInteger.ZERO, HALF.subtract(BigInteger.ONE)));
        assertThat(high.hashKeyRange()).isEqualTo(range(HALF, MAX));
        for (Shard child : List.of(low, high)) {
            assertThat(child.parentShardId()).contains(id(0));
            assertThat(child.adjacentParentShardId()).isEmpty();
            assertThat(child.openedAt()).isEqualTo(T1);
            assertThat(child.isOpen()).isTrue();
        }
        assertThat(after.nextShardIndex()).isEqualTo(3);
        assertThat(after.children(id(0))).containsExactly(low, high);
        assertThat(after.openShardsByHashKey()).containsExactly(low, high);
        assertThat(after.route(key(HALF))).isEqualTo(high);
        assertThat(after.route(key(HALF.subtract(BigInteger.ONE)))).isEqualTo(low);
        assertThat(after.version()).isEqualTo(before.version() + 1);
        Lineage.assertConsistent(after, "split");

        assertThat(before.shards()).as("the previous version is untouched").containsExactly(shard(before, 0));
        assertThat(shard(before, 0).isOpen()).isTrue();
        assertThat(before.nextShardIndex()).isEqualTo(1);
    }

    @Test
    void theSplitKeyMustBeAboveStartPlusOneAndBelowTheEnd() {
        Stream stream = stream(4);
        Shard one = shard(stream, 1);
        BigInteger s = one.hashKeyRange().start().toBigInteger();
        BigInteger e = one.hashKeyRange().end().toBigInteger();
        assertThat(s).isEqualTo(BigInteger.ONE.shiftLeft(126));

        for (BigInteger bad : List.of(
                s.subtract(BigInteger.ONE), s, s.add(BigInteger.ONE), e, e.add(BigInteger.ONE), BigInteger.ZERO, MAX)) {
            assertThatThrownBy(() -> Resharding.split(stream, id(1), key(bad), 0, T1, ACCOUNT))
                    .as("key %s", bad)
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage(splitKeyMessage(bad, 1, s, e));
        }

        Stream lowest = Resharding.split(stream, id(1), key(s.add(BigInteger.TWO)), 0, T1, ACCOUNT);
        assertThat(shard(lowest, 4).hashKeyRange()).isEqualTo(range(s, s.add(BigInteger.ONE)));
        assertThat(shard(lowest, 5).hashKeyRange()).isEqualTo(range(s.add(BigInteger.TWO), e));
        Lineage.assertConsistent(lowest, "split at S+2");

        Stream highest = Resharding.split(stream, id(1), key(e.subtract(BigInteger.ONE)), 0, T1, ACCOUNT);
        assertThat(shard(highest, 4).hashKeyRange()).isEqualTo(range(s, e.subtract(BigInteger.TWO)));
        assertThat(shard(highest, 5).hashKeyRange()).isEqualTo(range(e.subtract(BigInteger.ONE), e));
        Lineage.assertConsistent(highest, "split at E-1");
    }

    @Test
    void theEdgeRulesHoldForTheLowestAndHighestShards() {
        Stream stream = stream(1);
        assertThatThrownBy(() -> Resharding.split(stream, id(0), key(BigInteger.ONE), 0, T1, ACCOUNT))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(splitKeyMessage(BigInteger.ONE, 0, BigInteger.ZERO, MAX));
        assertThat(Resharding.split(stream, id(0), key(BigInteger.TWO), 0, T1, ACCOUNT)
                        .shard(id(1))
                        .orElseThrow()
                        .hashKeyRange())
                .isEqualTo(range(BigInteger.ZERO, BigInteger.ONE));
        assertThat(Resharding.split(stream, id(0), key(MAX.subtract(BigInteger.ONE)), 0, T1, ACCOUNT)
                        .shard(id(2))
                        .orElseThrow()
                        .hashKeyRange())
                .isEqualTo(range(MAX.subtract(BigInteger.ONE), MAX));
    }

    @Test
    void splittingAMissingShardIsNotFound() {
        Stream stream = stream(2);
        assertThatThrownBy(() -> Resharding.split(stream, id(9), key(HALF), 0, T1, ACCOUNT))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Could not find shard shardId-000000000009 in stream s under account " + ACCOUNT + ".");
    }

    @Test
    void splittingAClosedShardIsInUse() {
        Stream split = Resharding.split(stream(1), id(0), key(HALF), 3, T1, ACCOUNT);
        assertThatThrownBy(() -> Resharding.split(split, id(0), key(BigInteger.TEN), 0, T1, ACCOUNT))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Shard shardId-000000000000 in stream s under account " + ACCOUNT
                        + " has already been merged or split, and thus is not eligible for merging or splitting.");
    }

    // ---- merge --------------------------------------------------------------------------------------------

    @Test
    void mergeClosesBothParentsAndOpensOneChildCoveringTheirUnion() {
        Stream stream = stream(3);
        Stream merged = Resharding.merge(stream, id(1), id(2), 10, 20, T1, ACCOUNT);
        Shard child = shard(merged, 3);
        assertThat(child.parentShardId()).contains(id(1));
        assertThat(child.adjacentParentShardId()).contains(id(2));
        assertThat(child.openedAt()).isEqualTo(T1);
        assertThat(child.hashKeyRange())
                .isEqualTo(new HashKeyRange(shard(stream, 1).hashKeyRange().start(), HashKey.MAX));
        assertThat(shard(merged, 1).endPosition()).isEqualTo(10);
        assertThat(shard(merged, 2).endPosition()).isEqualTo(20);
        assertThat(shard(merged, 1).closedAt()).isEqualTo(T1);
        assertThat(shard(merged, 2).closedAt()).isEqualTo(T1);
        assertThat(shard(merged, 0).isOpen()).isTrue();
        assertThat(merged.nextShardIndex()).isEqualTo(4);
        assertThat(merged.children(id(1))).containsExactly(child);
        assertThat(merged.children(id(2))).containsExactly(child);
        assertThat(merged.openShardsByHashKey()).containsExactly(shard(merged, 0), child);
        Lineage.assertConsistent(merged, "merge");
    }

    /**
     * Issue 17, item 12: the pair was taken in either order; AWS answers the reversed pair as it answers shards that
     * are not adjacent (kinesalite's "adjacency is inverted" case, recorded against AWS).
     */
    @Test
    void theAdjacentShardMustFollowTheShardToMerge() {
        Stream stream = stream(3);
        assertThatThrownBy(() -> Resharding.merge(stream, id(1), id(0), 10, 20, T1, ACCOUNT))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Shards shardId-000000000001 and shardId-000000000000 in stream s under account " + ACCOUNT
                        + " are not an adjacent pair of shards eligible for merging");

        Stream forward = Resharding.merge(stream, id(0), id(1), 20, 10, T1, ACCOUNT);
        Shard child = shard(forward, 3);
        assertThat(child.hashKeyRange())
                .isEqualTo(new HashKeyRange(
                        HashKey.MIN, shard(stream, 1).hashKeyRange().end()));
        assertThat(child.parentShardId()).contains(id(0));
        assertThat(child.adjacentParentShardId()).contains(id(1));
        Lineage.assertConsistent(forward, "merge");
    }

    @Test
    void nonAdjacentShardsCannotBeMerged() {
        Stream stream = stream(3);
        assertThatThrownBy(() -> Resharding.merge(stream, id(0), id(2), 0, 0, T1, ACCOUNT))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Shards shardId-000000000000 and shardId-000000000002 in stream s under account " + ACCOUNT
                        + " are not an adjacent pair of shards eligible for merging");
        assertThatThrownBy(() -> Resharding.merge(stream, id(2), id(0), 0, 0, T1, ACCOUNT))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Shards shardId-000000000002 and shardId-000000000000 in stream s under account " + ACCOUNT
                        + " are not an adjacent pair of shards eligible for merging");
        assertThatThrownBy(() -> Resharding.merge(stream, id(1), id(1), 0, 0, T1, ACCOUNT))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Shards shardId-000000000001 and shardId-000000000001 in stream s under account " + ACCOUNT
                        + " are not an adjacent pair of shards eligible for merging");
    }

    @Test
    void mergingMissingOrClosedShardsFails() {
        Stream stream = stream(2);
        assertThatThrownBy(() -> Resharding.merge(stream, id(0), id(5), 0, 0, T1, ACCOUNT))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Could not find shard shardId-000000000005 in stream s under account " + ACCOUNT + ".");
        assertThatThrownBy(() -> Resharding.merge(stream, id(5), id(0), 0, 0, T1, ACCOUNT))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Could not find shard shardId-000000000005 in stream s under account " + ACCOUNT + ".");

        // Split shard 1 into 2 and 3; shard 1 is closed but still next to shard 0 by range.
        Stream split = Resharding.split(stream, id(1), key(HALF.add(BigInteger.TEN)), 0, T1, ACCOUNT);
        for (ShardId[] pair : new ShardId[][] {{id(0), id(1)}, {id(1), id(0)}}) {
            assertThatThrownBy(() -> Resharding.merge(split, pair[0], pair[1], 0, 0, T1, ACCOUNT))
                    .isInstanceOf(ResourceInUseException.class)
                    .hasMessage("Shard shardId-000000000001 in stream s under account " + ACCOUNT
                            + " has already been merged or split, and thus is not eligible for merging or splitting.");
        }
        Stream merged = Resharding.merge(split, id(0), id(2), 0, 0, T1, ACCOUNT);
        assertThat(merged.openShardCount()).isEqualTo(2);
        Lineage.assertConsistent(merged, "merge after split");
    }

    // ---- ids ----------------------------------------------------------------------------------------------

    @Test
    void idsAreNeverReusedEvenAfterClosedShardsAreRemoved() {
        Stream stream = stream(1);
        stream = Resharding.split(stream, id(0), key(HALF), 0, T1, ACCOUNT);
        stream = Resharding.merge(stream, id(1), id(2), 0, 0, T1, ACCOUNT);
        assertThat(stream.shards()).extracting(Shard::id).containsExactly(id(0), id(1), id(2), id(3));
        assertThat(shard(stream, 3).hashKeyRange()).isEqualTo(HashKeyRange.ALL);

        Stream pruned = stream.with(c -> c.shards = List.of(c.shards.get(3)));
        assertThat(pruned.shards()).extracting(Shard::id).containsExactly(id(3));
        assertThat(pruned.nextShardIndex()).isEqualTo(4);
        assertThatThrownBy(() -> Resharding.split(pruned, id(0), key(HALF), 0, T1, ACCOUNT))
                .isInstanceOf(ResourceNotFoundException.class);

        Stream again = Resharding.split(pruned, id(3), key(HALF), 0, T1, ACCOUNT);
        assertThat(again.shards()).extracting(Shard::id).containsExactly(id(3), id(4), id(5));
        assertThat(shard(again, 4).parentShardId()).contains(id(3));
        Stream merged = Resharding.merge(again, id(4), id(5), 0, 0, T1, ACCOUNT);
        assertThat(merged.shards()).extracting(Shard::id).containsExactly(id(3), id(4), id(5), id(6));
        assertThat(merged.nextShardIndex()).isEqualTo(7);
        Lineage.assertConsistent(merged, "after removal");
    }

    // ---- uniform scaling ----------------------------------------------------------------------------------

    /** Scales with every closing shard's end set to 100 + its index, and checks the result. */
    private static Stream scale(Stream stream, int target) {
        List<ShardId> existingOpen =
                stream.openShardsByHashKey().stream().map(Shard::id).toList();
        List<ShardId> closing = List.copyOf(Resharding.closedByUniformScaling(stream, target));
        Stream scaled = Resharding.scaleUniformly(stream, target, shardId -> 100 + shardId.index(), T1);
        String context = stream.openShardCount() + "->" + target;

        assertThat(Lineage.openRanges(scaled)).as(context).containsExactlyElementsOf(HashKeyRange.uniform(target));
        Lineage.assertConsistent(scaled, context);
        for (ShardId id : existingOpen) {
            Shard after = scaled.shard(id).orElseThrow();
            if (closing.contains(id)) {
                assertThat(after.isOpen()).as(context + " " + id).isFalse();
                assertThat(after.endPosition()).as(context + " end of " + id).isEqualTo(100 + id.index());
            } else {
                assertThat(after.isOpen()).as(context + " " + id).isTrue();
                assertThat(HashKeyRange.uniform(target)).contains(after.hashKeyRange());
            }
        }
        for (int i = stream.nextShardIndex(); i < scaled.nextShardIndex(); i++) {
            Shard created = scaled.shard(id(i)).orElseThrow(() -> new AssertionError(context + ": id gap"));
            assertThat(created.openedAt()).isEqualTo(T1);
            assertThat(created.parentShardId())
                    .as(context + ": every new shard has a parent")
                    .isPresent();
            if (!created.isOpen()) {
                assertThat(created.endPosition())
                        .as(context + ": intermediate shards are empty")
                        .isZero();
            }
        }
        return scaled;
    }

    private static ShardId parentOf(Stream stream, int index) {
        return shard(stream, index).parent();
    }

    private static ShardId adjacentOf(Stream stream, int index) {
        return shard(stream, index).adjacentParent();
    }

    @Test
    void doublingSplitsEveryShardAtItsMidpoint() {
        Stream two = scale(stream(1), 2);
        assertThat(two.nextShardIndex()).isEqualTo(3);
        assertThat(parentOf(two, 1)).isEqualTo(id(0));
        assertThat(parentOf(two, 2)).isEqualTo(id(0));
        assertThat(shard(two, 0).isOpen()).isFalse();

        Stream four = scale(two, 4);
        assertThat(four.nextShardIndex()).isEqualTo(7);
        assertThat(List.of(parentOf(four, 3), parentOf(four, 4), parentOf(four, 5), parentOf(four, 6)))
                .containsExactly(id(1), id(1), id(2), id(2));
        assertThat(four.openShardsByHashKey()).extracting(Shard::id).containsExactly(id(3), id(4), id(5), id(6));
        for (int i = 3; i <= 6; i++) {
            assertThat(adjacentOf(four, i)).isNull();
        }
    }

    @Test
    void halvingMergesAdjacentPairs() {
        Stream two = scale(stream(4), 2);
        assertThat(two.nextShardIndex()).isEqualTo(6);
        assertThat(List.of(parentOf(two, 4), adjacentOf(two, 4))).containsExactly(id(0), id(1));
        assertThat(List.of(parentOf(two, 5), adjacentOf(two, 5))).containsExactly(id(2), id(3));
        assertThat(two.openShardsByHashKey()).extracting(Shard::id).containsExactly(id(4), id(5));
    }

    @Test
    void fourToThreeSplitsThenMergesThePieces() {
        Stream three = scale(stream(4), 3);
        assertThat(three.openShardsByHashKey()).extracting(Shard::id).containsExactly(id(8), id(9), id(10));
        assertThat(List.of(parentOf(three, 4), parentOf(three, 5))).containsExactly(id(1), id(1));
        assertThat(List.of(parentOf(three, 6), parentOf(three, 7))).containsExactly(id(2), id(2));
        assertThat(List.of(parentOf(three, 8), adjacentOf(three, 8))).containsExactly(id(0), id(4));
        assertThat(List.of(parentOf(three, 9), adjacentOf(three, 9))).containsExactly(id(5), id(6));
        assertThat(List.of(parentOf(three, 10), adjacentOf(three, 10))).containsExactly(id(7), id(3));
    }

    @Test
    void threeToSixReachesTheUniformLayout() {
        // floor(2^128/6)·2 = floor(2^128/3) − 1: the second target boundary is the last key of shard 0.
        BigInteger step3 = HashKey.KEY_SPACE.divide(BigInteger.valueOf(3));
        BigInteger step6 = HashKey.KEY_SPACE.divide(BigInteger.valueOf(6));
        assertThat(step6.multiply(BigInteger.TWO)).isEqualTo(step3.subtract(BigInteger.ONE));
        Stream six = scale(stream(3), 6);
        assertThat(six.openShardCount()).isEqualTo(6);
        assertThat(Resharding.closedByUniformScaling(six, 6)).isEmpty();
    }

    @Test
    void fiveToThreeAndTwoToFourToThreeReachTheUniformLayout() {
        Stream three = scale(stream(5), 3);
        assertThat(three.openShardCount()).isEqualTo(3);
        for (int i = 0; i < 5; i++) {
            assertThat(shard(three, i).isOpen()).isFalse();
        }
        Stream viaFour = scale(scale(stream(2), 4), 3);
        assertThat(viaFour.openShardCount()).isEqualTo(3);
    }

    @Test
    void scalingToTheCurrentUniformLayoutChangesNoShard() {
        Stream four = stream(4);
        assertThat(Resharding.closedByUniformScaling(four, 4)).isEmpty();
        assertThat(Resharding.closedByUniformScaling(four, 2)).containsExactly(id(0), id(1), id(2), id(3));
        assertThat(Resharding.closedByUniformScaling(four, 8)).containsExactly(id(0), id(1), id(2), id(3));
        Stream same = Resharding.scaleUniformly(four, 4, shardId -> 0, T1);
        assertThat(same.shards()).isEqualTo(four.shards());
        assertThat(same.nextShardIndex()).isEqualTo(4);

        // A split at the midpoint already yields the uniform layout of two shards.
        Stream split = Resharding.split(stream(1), id(0), key(HALF), 0, T1, ACCOUNT);
        assertThat(Resharding.closedByUniformScaling(split, 2)).isEmpty();
    }

    @Test
    void scalingKeepsShardsThatAlreadyHaveATargetRange() {
        // 2 shards, shard 0 split at its midpoint into 2 and 3: scaling to 4 splits only shard 1, keeping 2 and 3.
        Stream stream = Resharding.split(stream(2), id(0), key(BigInteger.ONE.shiftLeft(126)), 5, T1, ACCOUNT);
        assertThat(Resharding.closedByUniformScaling(stream, 4)).containsExactly(id(1));
        Stream four = scale(stream, 4);
        assertThat(shard(four, 2).isOpen()).isTrue();
        assertThat(shard(four, 3).isOpen()).isTrue();
        assertThat(shard(four, 1).isOpen()).isFalse();
        assertThat(four.openShardsByHashKey()).extracting(Shard::id).containsExactly(id(2), id(3), id(4), id(5));
    }

    @Test
    void scalingReachesTheTargetWhenABoundaryIsOneAboveAShardStartOrIsItsLastKey() {
        // Shard 2 starts one below the midpoint, so the boundary 2^127 is its start + 1.
        Stream offByOne = Resharding.split(stream(1), id(0), key(HALF.subtract(BigInteger.ONE)), 0, T1, ACCOUNT);
        scale(offByOne, 2);
        // Shard 1 ends exactly at the boundary 2^127.
        Stream endsAt = Resharding.split(stream(1), id(0), key(HALF.add(BigInteger.ONE)), 0, T1, ACCOUNT);
        scale(endsAt, 2);
    }
}
