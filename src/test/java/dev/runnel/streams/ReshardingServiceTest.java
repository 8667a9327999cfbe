package dev.runnel.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.hash.HashKeyRange;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Lineage;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.core.stream.StreamStatus;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogSealedException;
import dev.runnel.support.RunnelFixture;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ReshardingServiceTest {

    private static final String ACCOUNT = RunnelFixture.ACCOUNT;
    private static final String HALF = BigInteger.ONE.shiftLeft(127).toString();
    private static final String QUARTER = BigInteger.ONE.shiftLeft(126).toString();
    private static final String THREE_QUARTERS =
            BigInteger.valueOf(3).shiftLeft(126).toString();

    private final RunnelFixture f = new RunnelFixture();
    private final ReshardingService resharding = f.resharding;
    private final Duration updateDelay = f.properties.streams().updateDelay();

    private static StreamName name(String value) {
        return StreamName.of(value);
    }

    private Stream current(String stream) {
        return f.streams.describe(name(stream));
    }

    private StreamStatus status(String stream) {
        return f.streams.status(current(stream));
    }

    private void waitForUpdate() {
        f.clock.advance(updateDelay);
    }

    private ShardLog log(Stream stream, int shard) {
        return f.store.find(stream.incarnation(), new ShardId(shard)).orElseThrow();
    }

    private static String notActive(String stream, String status) {
        return "Stream " + stream + " under account " + ACCOUNT + " not ACTIVE, instead in state " + status;
    }

    /** The update delay passes: UPDATING up to the last millisecond, then ACTIVE. */
    private void assertUpdatingForTheDelay(String stream) {
        assertThat(updateDelay).isPositive();
        assertThat(status(stream)).isEqualTo(StreamStatus.UPDATING);
        f.clock.advance(updateDelay.minusMillis(1));
        assertThat(status(stream)).isEqualTo(StreamStatus.UPDATING);
        f.clock.advanceMillis(1);
        assertThat(status(stream)).isEqualTo(StreamStatus.ACTIVE);
    }

    // ---- SplitShard ---------------------------------------------------------------------------------------

    @Test
    void splitSealsTheParentCreatesTheChildrensLogsAndIsUpdatingForTheDelay() {
        Stream before = f.createActive("s", 1);
        f.put("s", "pk", "before");
        Instant at = f.clock.instant();

        Stream after = resharding.split(name("s"), "shardId-000000000000", HALF);

        assertThat(current("s").version()).isEqualTo(after.version());
        assertThat(after.incarnation()).isEqualTo(before.incarnation());
        Shard parent = after.shard(new ShardId(0)).orElseThrow();
        assertThat(parent.isOpen()).isFalse();
        assertThat(parent.endPosition()).isEqualTo(1);
        assertThat(parent.closedAt()).isEqualTo(at);
        assertThat(after.openShardsByHashKey()).extracting(Shard::id).containsExactly(new ShardId(1), new ShardId(2));
        assertThat(Lineage.openRanges(after)).containsExactlyElementsOf(HashKeyRange.uniform(2));
        Lineage.assertConsistent(after, "split");

        assertThatThrownBy(() -> log(after, 0).append("pk", new byte[1], 0))
                .isInstanceOf(ShardLogSealedException.class);
        assertThat(log(after, 0).endPosition()).isEqualTo(1);
        assertThat(log(after, 1).endPosition()).isZero();
        assertThat(log(after, 2).endPosition()).isZero();
        assertThat(SequenceNumber.endOf(after, parent)).isPresent();

        assertUpdatingForTheDelay("s");
    }

    @Test
    void splitRejectsUnknownStreamsShardsAndKeysWithAwsTexts() {
        f.createActive("s", 2);
        assertThatThrownBy(() -> resharding.split(name("nope"), "shardId-000000000000", HALF))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Stream nope under account " + ACCOUNT + " not found.");
        assertThatThrownBy(() -> resharding.split(name("s"), "shardId-000000000007", HALF))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Could not find shard shardId-000000000007 in stream s under account " + ACCOUNT + ".");
        assertThatThrownBy(() -> resharding.split(name("s"), "bogus", HALF))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Could not find shard bogus in stream s under account " + ACCOUNT + ".");
        assertThatThrownBy(() -> resharding.split(name("s"), "shardId-000000000000", "abc"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("NewStartingHashKey abc is not a hash key in the range [0, 2^128-1].");
        String tooBig = BigInteger.ONE.shiftLeft(128).toString();
        assertThatThrownBy(() -> resharding.split(name("s"), "shardId-000000000000", tooBig))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("NewStartingHashKey " + tooBig + " is not a hash key in the range [0, 2^128-1].");
        String end = new BigInteger(HALF).subtract(BigInteger.ONE).toString();
        assertThatThrownBy(() -> resharding.split(name("s"), "shardId-000000000000", end))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(
                        "NewStartingHashKey " + end + " used in SplitShard() on shard shardId-000000000000 in stream "
                                + "s under account " + ACCOUNT
                                + " is not both greater than one plus the shard's StartingHashKey "
                                + "0 and less than the shard's EndingHashKey " + end + ".");
        assertThat(status("s")).as("failed calls change nothing").isEqualTo(StreamStatus.ACTIVE);
        assertThat(current("s").shards()).hasSize(2).allMatch(Shard::isOpen);
        assertThat(current("s").nextShardIndex()).isEqualTo(2);
    }

    @Test
    void aClosedShardCannotBeSplitOrMergedAgain() {
        f.createActive("s", 1);
        resharding.split(name("s"), "shardId-000000000000", HALF);
        waitForUpdate();
        String inUse = "Shard shardId-000000000000 in stream s under account " + ACCOUNT
                + " has already been merged or split, and thus is not eligible for merging or splitting.";
        assertThatThrownBy(() -> resharding.split(name("s"), "shardId-000000000000", QUARTER))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage(inUse);
        assertThatThrownBy(() -> resharding.merge(name("s"), "shardId-000000000000", "shardId-000000000001"))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage(inUse);
        assertThat(status("s")).isEqualTo(StreamStatus.ACTIVE);
    }

    // ---- MergeShards --------------------------------------------------------------------------------------

    @Test
    void mergeSealsBothParentsAndOpensOneChild() {
        Stream stream = f.createActive("s", 3);
        Stream merged = resharding.merge(name("s"), "shardId-000000000001", "shardId-000000000002");
        Shard child = merged.shard(new ShardId(3)).orElseThrow();
        assertThat(child.parentShardId()).contains(new ShardId(1));
        assertThat(child.adjacentParentShardId()).contains(new ShardId(2));
        assertThat(child.hashKeyRange())
                .isEqualTo(new HashKeyRange(
                        stream.shard(new ShardId(1))
                                .orElseThrow()
                                .hashKeyRange()
                                .start(),
                        stream.shard(new ShardId(2))
                                .orElseThrow()
                                .hashKeyRange()
                                .end()));
        assertThat(merged.openShardCount()).isEqualTo(2);
        Lineage.assertConsistent(merged, "merge");
        for (int parent : new int[] {1, 2}) {
            int p = parent;
            assertThatThrownBy(() -> log(merged, p).append("k", new byte[0], 0))
                    .isInstanceOf(ShardLogSealedException.class);
        }
        log(merged, 3).append("k", new byte[0], 0);
        assertUpdatingForTheDelay("s");

        assertThatThrownBy(() -> resharding.merge(name("s"), "shardId-000000000000", "shardId-000000000009"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Could not find shard shardId-000000000009 in stream s under account " + ACCOUNT + ".");
        Stream again = resharding.merge(name("s"), "shardId-000000000000", "shardId-000000000003");
        assertThat(again.openShardsByHashKey()).extracting(Shard::id).containsExactly(new ShardId(4));
        assertThat(again.openShardsByHashKey().get(0).hashKeyRange()).isEqualTo(HashKeyRange.ALL);
    }

    @Test
    void nonAdjacentShardsAreRejectedAndNothingIsSealed() {
        Stream stream = f.createActive("s", 3);
        assertThatThrownBy(() -> resharding.merge(name("s"), "shardId-000000000000", "shardId-000000000002"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Shards shardId-000000000000 and shardId-000000000002 in stream s under account " + ACCOUNT
                        + " are not an adjacent pair of shards eligible for merging");
        assertThatThrownBy(() -> resharding.merge(name("s"), "shardId-000000000001", "shardId-000000000000"))
                .as("the adjacent shard named first (issue 17, item 12)")
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Shards shardId-000000000001 and shardId-000000000000 in stream s under account " + ACCOUNT
                        + " are not an adjacent pair of shards eligible for merging");
        assertThat(log(stream, 0).append("k", new byte[0], 0).position()).isZero();
        assertThat(log(stream, 1).append("k", new byte[0], 0).position()).isZero();
        assertThat(log(stream, 2).append("k", new byte[0], 0).position()).isZero();
        assertThat(status("s")).isEqualTo(StreamStatus.ACTIVE);
    }

    // ---- not ACTIVE ---------------------------------------------------------------------------------------

    private List<Executable> shardChangingCalls(String stream) {
        return List.of(
                () -> resharding.split(name(stream), "shardId-000000000000", QUARTER),
                () -> resharding.merge(name(stream), "shardId-000000000000", "shardId-000000000001"),
                () -> resharding.updateShardCount(name(stream), 4),
                () -> resharding.updateMode(name(stream), StreamMode.ON_DEMAND));
    }

    @Test
    void everyShardChangingCallIsInUseWhileUpdating() throws Throwable {
        f.createActive("s", 2);
        resharding.updateShardCount(name("s"), 2);
        Stream updating = current("s");
        for (Executable call : shardChangingCalls("s")) {
            assertThatThrownBy(call::execute)
                    .isInstanceOf(ResourceInUseException.class)
                    .hasMessage(notActive("s", "UPDATING"));
        }
        assertThat(current("s").version()).as("rejected calls publish nothing").isEqualTo(updating.version());
        waitForUpdate();
        resharding.split(name("s"), "shardId-000000000000", QUARTER);
        assertThatThrownBy(() -> resharding.merge(name("s"), "shardId-000000000002", "shardId-000000000003"))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage(notActive("s", "UPDATING"));
        waitForUpdate();
        assertThat(resharding
                        .merge(name("s"), "shardId-000000000002", "shardId-000000000003")
                        .openShardCount())
                .isEqualTo(2);
    }

    @Test
    void everyShardChangingCallIsInUseWhileCreating() throws Throwable {
        f.streams.create(CreateStreamCommand.of("s", 2, null, null, null));
        assertThat(status("s")).isEqualTo(StreamStatus.CREATING);
        for (Executable call : shardChangingCalls("s")) {
            assertThatThrownBy(call::execute)
                    .isInstanceOf(ResourceInUseException.class)
                    .hasMessage(notActive("s", "CREATING"));
        }
        assertThat(current("s").shards()).allMatch(Shard::isOpen);
    }

    @Test
    void everyShardChangingCallOfAnUnknownStreamIsNotFound() throws Throwable {
        for (Executable call : shardChangingCalls("missing")) {
            assertThatThrownBy(call::execute)
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessage("Stream missing under account " + ACCOUNT + " not found.");
        }
    }

    @Test
    void aDeletingStreamCannotBeResharded() {
        f.createActive("s", 2);
        f.streams.delete(name("s"));
        assertThatThrownBy(() -> resharding.split(name("s"), "shardId-000000000000", QUARTER))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage(notActive("s", "DELETING"));
    }

    // ---- UpdateShardCount ---------------------------------------------------------------------------------

    @Test
    void updateShardCountReachesTheUniformLayoutAndReportsTheCountBefore() {
        f.createActive("s", 3);
        ReshardingService.ShardCountUpdate update = resharding.updateShardCount(name("s"), 6);
        assertThat(update.currentShardCount()).isEqualTo(3);
        assertThat(update.targetShardCount()).isEqualTo(6);
        assertThat(update.stream().version()).isEqualTo(current("s").version());
        assertThat(Lineage.openRanges(current("s"))).containsExactlyElementsOf(HashKeyRange.uniform(6));
        Lineage.assertConsistent(current("s"), "3->6");
        assertUpdatingForTheDelay("s");

        ReshardingService.ShardCountUpdate down = resharding.updateShardCount(name("s"), 4);
        assertThat(down.currentShardCount()).isEqualTo(6);
        Stream four = current("s");
        assertThat(Lineage.openRanges(four)).containsExactlyElementsOf(HashKeyRange.uniform(4));
        Lineage.assertConsistent(four, "6->4");
        for (Shard shard : four.shards()) {
            ShardLog log = log(four, shard.id().index());
            if (shard.isOpen()) {
                assertThat(log.append("k", new byte[0], 0).position()).isZero();
            } else {
                assertThatThrownBy(() -> log.append("k", new byte[0], 0))
                        .as("the log of closed %s is sealed", shard.id())
                        .isInstanceOf(ShardLogSealedException.class);
            }
        }
    }

    @Test
    void doublingAndHalvingAreTheBoundaries() {
        f.createActive("up", 4);
        assertThatThrownBy(() -> resharding.updateShardCount(name("up"), 9))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("UpdateShardCount cannot scale up over double your current open shard count. "
                        + "Current open shard count: 4 Target shard count: 9");
        assertThat(resharding.updateShardCount(name("up"), 8).stream().openShardCount())
                .isEqualTo(8);

        f.createActive("down", 5);
        assertThatThrownBy(() -> resharding.updateShardCount(name("down"), 2))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("UpdateShardCount cannot scale down below half your current open shard count. "
                        + "Current open shard count: 5 Target shard count: 2");
        assertThat(resharding.updateShardCount(name("down"), 3).stream().openShardCount())
                .isEqualTo(3);

        f.createActive("even", 4);
        assertThatThrownBy(() -> resharding.updateShardCount(name("even"), 1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("UpdateShardCount cannot scale down below half your current open shard count. "
                        + "Current open shard count: 4 Target shard count: 1");
        assertThat(resharding.updateShardCount(name("even"), 2).stream().openShardCount())
                .isEqualTo(2);
        assertThat(current("even").shardCountUpdates()).hasSize(1);
    }

    @Test
    void aTargetAboveTenThousandShardsIsRejected() {
        RunnelFixture big = RunnelFixture.builder().shardLimit(20_000).build();
        big.createActive("s", 5_001);
        assertThatThrownBy(() -> big.resharding.updateShardCount(name("s"), 10_001))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("UpdateShardCount cannot scale a stream above 10000 shards. Target shard count: 10001");
        assertThat(big.streams.describe(name("s")).openShardCount()).isEqualTo(5_001);
    }

    @Test
    void atMostTenShardCountUpdatesInARolling24Hours() {
        f.createActive("s", 2);
        Instant first = f.clock.instant();
        for (int i = 0; i < ReshardingService.SHARD_COUNT_UPDATES_PER_DAY; i++) {
            int target = i % 2 == 0 ? 4 : 2;
            assertThat(resharding.updateShardCount(name("s"), target).stream().openShardCount())
                    .as("call %d", i + 1)
                    .isEqualTo(target);
            waitForUpdate();
        }
        String limited = "Stream s under account " + ACCOUNT
                + " has already been updated 10 times with UpdateShardCount in the last 24 hours.";
        assertThatThrownBy(() -> resharding.updateShardCount(name("s"), 4))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage(limited);
        assertThat(current("s").openShardCount()).isEqualTo(2);

        f.clock.set(first.plus(Duration.ofHours(24)).minusMillis(1));
        assertThatThrownBy(() -> resharding.updateShardCount(name("s"), 4))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage(limited);

        f.clock.set(first.plus(Duration.ofHours(24)).plusMillis(1));
        assertThat(resharding.updateShardCount(name("s"), 4).stream().openShardCount())
                .isEqualTo(4);
        assertThat(current("s").shardCountUpdates()).hasSize(10).doesNotContain(first);
    }

    @Test
    void aSameTargetUpdateIsANoOpThatCountsTowardTheQuota() {
        Stream created = f.createActive("s", 2);
        for (int i = 0; i < ReshardingService.SHARD_COUNT_UPDATES_PER_DAY; i++) {
            ReshardingService.ShardCountUpdate update = resharding.updateShardCount(name("s"), 2);
            assertThat(update.currentShardCount()).isEqualTo(2);
            assertThat(update.targetShardCount()).isEqualTo(2);
            waitForUpdate();
        }
        Stream after = current("s");
        assertThat(after.shards()).isEqualTo(created.shards());
        assertThat(after.nextShardIndex()).isEqualTo(2);
        assertThat(after.shardCountUpdates()).hasSize(10);
        assertThatThrownBy(() -> resharding.updateShardCount(name("s"), 4)).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void aSameCountUpdateOfANonUniformLayoutMakesItUniform() {
        f.createActive("s", 2);
        resharding.split(name("s"), "shardId-000000000000", QUARTER);
        waitForUpdate();
        resharding.merge(name("s"), "shardId-000000000003", "shardId-000000000001");
        waitForUpdate();
        assertThat(current("s").openShardCount()).isEqualTo(2);
        assertThat(Lineage.openRanges(current("s"))).isNotEqualTo(HashKeyRange.uniform(2));
        resharding.updateShardCount(name("s"), 2);
        assertThat(Lineage.openRanges(current("s"))).containsExactlyElementsOf(HashKeyRange.uniform(2));
        Lineage.assertConsistent(current("s"), "2->2");
    }

    @Test
    void onDemandStreamsRejectUpdateShardCountSplitAndMerge() {
        f.streams.create(CreateStreamCommand.of("od", StreamMode.ON_DEMAND, null, null, null, null));
        f.clock.advance(f.properties.streams().createDelay());
        assertThatThrownBy(() -> resharding.updateShardCount(name("od"), 4))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("UpdateShardCount is not supported for stream od under account " + ACCOUNT
                        + " because it is in ON_DEMAND mode.");
        assertThatThrownBy(() -> resharding.split(name("od"), "shardId-000000000000", "2"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("SplitShard is not supported for stream od under account " + ACCOUNT
                        + " because it is in ON_DEMAND mode.");
        assertThatThrownBy(() -> resharding.merge(name("od"), "shardId-000000000000", "shardId-000000000001"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("MergeShards is not supported for stream od under account " + ACCOUNT
                        + " because it is in ON_DEMAND mode.");
        assertThat(current("od").shardCountUpdates()).isEmpty();
        assertThat(current("od").shards()).allMatch(Shard::isOpen);
        assertThat(status("od")).isEqualTo(StreamStatus.ACTIVE);
    }

    @Test
    void onDemandDoublingOfAThreeShardStreamReachesTheUniformLayout() {
        f.createActive("s", 3);
        resharding.updateMode(name("s"), StreamMode.ON_DEMAND);
        waitForUpdate();
        Stream six = resharding.scaleOnDemand(name("s"), 6, "test");
        assertThat(Lineage.openRanges(six)).containsExactlyElementsOf(HashKeyRange.uniform(6));
        Lineage.assertConsistent(six, "on-demand 3->6");
        assertThat(six.scalingEvents()).hasSize(1);
    }

    // ---- UpdateStreamMode ---------------------------------------------------------------------------------

    @Test
    void switchingToTheCurrentModeIsInvalid() {
        f.createActive("s", 1);
        assertThatThrownBy(() -> resharding.updateMode(name("s"), StreamMode.PROVISIONED))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Stream s under account " + ACCOUNT + " is already in PROVISIONED mode.");
        assertThat(status("s")).isEqualTo(StreamStatus.ACTIVE);
        assertThat(current("s").modeUpdates()).isEmpty();
    }

    @Test
    void atMostTwoModeSwitchesInARolling24HoursKeepingTheShards() {
        Stream created = f.createActive("s", 3);
        Instant first = f.clock.instant();
        Stream onDemand = resharding.updateMode(name("s"), StreamMode.ON_DEMAND);
        assertThat(onDemand.mode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(onDemand.shards()).isEqualTo(created.shards());
        assertUpdatingForTheDelay("s");
        assertThatThrownBy(() -> resharding.updateMode(name("s"), StreamMode.ON_DEMAND))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Stream s under account " + ACCOUNT + " is already in ON_DEMAND mode.");
        assertThat(resharding.updateMode(name("s"), StreamMode.PROVISIONED).mode())
                .isEqualTo(StreamMode.PROVISIONED);
        waitForUpdate();
        String limited =
                "Stream s under account " + ACCOUNT + " has already switched its mode 2 times in the last 24 hours.";
        assertThatThrownBy(() -> resharding.updateMode(name("s"), StreamMode.ON_DEMAND))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage(limited);
        assertThat(current("s").mode()).isEqualTo(StreamMode.PROVISIONED);
        assertThat(current("s").openShardCount()).isEqualTo(3);

        f.clock.set(first.plus(Duration.ofHours(24)).minusMillis(1));
        assertThatThrownBy(() -> resharding.updateMode(name("s"), StreamMode.ON_DEMAND))
                .as("both switches are still within 24 hours")
                .isInstanceOf(LimitExceededException.class)
                .hasMessage(limited);
        f.clock.set(first.plus(Duration.ofHours(24)).plusMillis(1));
        assertThat(resharding.updateMode(name("s"), StreamMode.ON_DEMAND).mode())
                .isEqualTo(StreamMode.ON_DEMAND);
    }

    // ---- shard limit --------------------------------------------------------------------------------------

    private static String shardLimit(long current, int limit, int additional) {
        return "This request would exceed the shard limit for the account " + ACCOUNT + " in " + RunnelFixture.REGION
                + ". Current shard count for the account: " + current + ". Limit: " + limit
                + ". Number of additional shards that would have resulted from this request: " + additional
                + ". Refer to the AWS Service Limits page "
                + "(http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and "
                + "how to request higher limits.";
    }

    @Test
    void splitRespectsTheShardLimitAndSealsNothingWhenRefused() {
        RunnelFixture small = RunnelFixture.builder().shardLimit(3).build();
        Stream stream = small.createActive("s", 2);
        small.resharding.split(name("s"), "shardId-000000000000", QUARTER);
        small.clock.advance(updateDelay);
        assertThat(small.streams.openShardCount()).isEqualTo(3);
        assertThatThrownBy(() -> small.resharding.split(name("s"), "shardId-000000000001", THREE_QUARTERS))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage(shardLimit(3, 3, 1));
        assertThat(small.store
                        .find(stream.incarnation(), new ShardId(1))
                        .orElseThrow()
                        .append("k", new byte[0], 0)
                        .position())
                .as("the refused split sealed nothing")
                .isZero();
        assertThat(small.streams.describe(name("s")).nextShardIndex()).isEqualTo(4);
        assertThat(small.streams.status(small.streams.describe(name("s")))).isEqualTo(StreamStatus.ACTIVE);

        // Merging frees a shard, so a split fits again.
        small.resharding.merge(name("s"), "shardId-000000000002", "shardId-000000000003");
        small.clock.advance(updateDelay);
        assertThat(small.resharding
                        .split(name("s"), "shardId-000000000001", THREE_QUARTERS)
                        .openShardCount())
                .isEqualTo(3);
    }

    @Test
    void updateShardCountRespectsTheShardLimitAcrossStreams() {
        RunnelFixture small = RunnelFixture.builder().shardLimit(4).build();
        small.createActive("other", 1);
        small.createActive("s", 2);
        assertThatThrownBy(() -> small.resharding.updateShardCount(name("s"), 4))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage(shardLimit(3, 4, 2));
        assertThat(small.streams.describe(name("s")).shardCountUpdates())
                .as("a refused call is not counted")
                .isEmpty();
        assertThat(small.resharding.updateShardCount(name("s"), 3).stream().openShardCount())
                .isEqualTo(3);
        assertThat(small.streams.openShardCount()).isEqualTo(4);
    }

    // ---- the recovery rule between sealing and publishing ---------------------------------------------------

    /** The fixture's catalog, whose compare-and-set fails (throws) while {@code failing} is set. */
    private final class FailingCatalog implements dev.runnel.storage.StreamCatalog {
        boolean failing;

        @Override
        public java.util.Optional<Stream> find(StreamName name) {
            return f.catalog.find(name);
        }

        @Override
        public boolean add(Stream stream) {
            return f.catalog.add(stream);
        }

        @Override
        public boolean replace(Stream expected, Stream updated) {
            if (failing) {
                throw new IllegalStateException("the catalog is unreachable");
            }
            return f.catalog.replace(expected, updated);
        }

        @Override
        public boolean remove(Stream expected) {
            return f.catalog.remove(expected);
        }

        @Override
        public List<Stream> list(StreamName exclusiveStart, int limit) {
            return f.catalog.list(exclusiveStart, limit);
        }

        @Override
        public List<Stream> all() {
            return f.catalog.all();
        }
    }

    @Test
    void aChangeThatFailsToPublishUnsealsItsShardsSoWritesGoOn() {
        FailingCatalog catalog = new FailingCatalog();
        ReshardingService failing = new ReshardingService(
                catalog, f.store, f.streams, new LocalReshardingLock(), f.clock, f.properties, f.accountSettings);
        f.createActive("s", 2);
        f.put("s", "a", "before");
        catalog.failing = true;

        assertThatThrownBy(() -> failing.split(name("s"), "shardId-000000000000", QUARTER))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> failing.merge(name("s"), "shardId-000000000000", "shardId-000000000001"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> failing.updateShardCount(name("s"), 4)).isInstanceOf(IllegalStateException.class);

        Stream stream = current("s");
        assertThat(stream.openShardCount()).as("nothing was published").isEqualTo(2);
        assertThat(log(stream, 0).isSealed()).isFalse();
        assertThat(log(stream, 1).isSealed()).isFalse();
        for (int i = 0; i < 20; i++) {
            f.put("s", "key-" + i, "after");
        }
        assertThat(f.streams.retainedRecordCount(stream, stream.shards().get(0))
                        + f.streams.retainedRecordCount(stream, stream.shards().get(1)))
                .isEqualTo(21);

        catalog.failing = false;
        assertThat(failing.split(name("s"), "shardId-000000000000", QUARTER).openShardCount())
                .as("and the next change goes through")
                .isEqualTo(3);
    }

    @Test
    void repairUnsealsTheOpenShardsOfChangesThatNeverPublishedAndNothingElse() {
        f.createActive("s", 2);
        resharding.split(name("s"), "shardId-000000000000", QUARTER);
        waitForUpdate();
        Stream stream = current("s");
        log(stream, 1).seal(); // as if the process died between sealing shard 1 and publishing its merge

        assertThat(resharding.repairSeals()).isEqualTo(1);
        assertThat(log(stream, 0).isSealed())
                .as("the closed parent stays sealed")
                .isTrue();
        assertThat(log(stream, 1).isSealed()).isFalse();
        assertThat(resharding.repairSeals()).as("idempotent").isZero();
    }
}
