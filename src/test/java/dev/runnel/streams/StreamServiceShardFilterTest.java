package dev.runnel.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardFilter;
import dev.runnel.core.shard.ShardFilter.Type;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.support.RunnelFixture;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ListShards' ShardFilter over a stream whose shard 0 was split into 1 and 2 at a known time. */
class StreamServiceShardFilterTest {

    private static final String HALF = BigInteger.ONE.shiftLeft(127).toString();

    private final RunnelFixture f = new RunnelFixture();
    private Instant createdAt;
    private Instant splitAt;

    @BeforeEach
    void splitShardZeroTenMinutesAfterCreation() {
        createdAt = f.createActive("s", 1).createdAt();
        f.clock.advance(Duration.ofMinutes(10));
        splitAt = f.clock.instant();
        f.resharding.split(StreamName.of("s"), "shardId-000000000000", HALF);
        f.clock.advance(Duration.ofMinutes(10));
    }

    private List<Integer> shards(ShardFilter filter) {
        Stream stream = f.streams.describe(StreamName.of("s"));
        return f.streams.shards(stream, filter).stream()
                .map(Shard::id)
                .map(ShardId::index)
                .toList();
    }

    private List<Integer> shards(Type type) {
        return shards(new ShardFilter(type, null, null));
    }

    private List<Integer> at(Instant t) {
        return shards(new ShardFilter(Type.AT_TIMESTAMP, null, t));
    }

    private List<Integer> from(Instant t) {
        return shards(new ShardFilter(Type.FROM_TIMESTAMP, null, t));
    }

    @Test
    void atLatestListsOnlyTheChildren() {
        assertThat(shards(Type.AT_LATEST)).containsExactly(1, 2);
    }

    @Test
    void fromTrimHorizonListsEveryUnexpiredShard() {
        assertThat(shards(Type.FROM_TRIM_HORIZON)).containsExactly(0, 1, 2);
        assertThat(shards(ShardFilter.ALL)).containsExactly(0, 1, 2);
    }

    @Test
    void atTrimHorizonListsTheShardsOpenAtTheHorizon() {
        // The horizon (now − 24 h) is before the stream existed, so it counts as the stream's creation.
        assertThat(shards(Type.AT_TRIM_HORIZON)).containsExactly(0);
        // Once the horizon has passed the split, only the children were open there.
        f.clock.set(splitAt.plus(Duration.ofHours(24)).plusSeconds(1));
        assertThat(shards(Type.AT_TRIM_HORIZON)).containsExactly(1, 2);
        f.clock.set(splitAt.plus(Duration.ofHours(24)).minusSeconds(1));
        assertThat(shards(Type.AT_TRIM_HORIZON)).containsExactly(0);
    }

    @Test
    void atTimestampListsTheShardsOpenAtThatInstant() {
        assertThat(at(splitAt.minusSeconds(1))).containsExactly(0);
        assertThat(at(splitAt.plusSeconds(1))).containsExactly(1, 2);
        assertThat(at(splitAt))
                .as("the parent ends and the children start at the split")
                .containsExactly(0, 1, 2);
        assertThat(at(createdAt)).containsExactly(0);
        assertThat(at(createdAt.minus(Duration.ofDays(3))))
                .as("before the stream existed")
                .containsExactly(0);
        assertThat(at(f.clock.instant())).containsExactly(1, 2);
    }

    @Test
    void fromTimestampListsShardsClosedAtOrAfterItAndAllOpenOnes() {
        assertThat(from(splitAt.minusSeconds(1))).containsExactly(0, 1, 2);
        assertThat(from(splitAt)).containsExactly(0, 1, 2);
        assertThat(from(splitAt.plusSeconds(1))).containsExactly(1, 2);
        assertThat(from(createdAt.minus(Duration.ofDays(3)))).containsExactly(0, 1, 2);
    }

    @Test
    void fromTimestampBeforeTheTrimHorizonIsTreatedAsTheHorizon() {
        f.clock.set(splitAt.plus(Duration.ofHours(24)).plusSeconds(1));
        // Shard 0 has not been removed (no housekeeping ran), but it closed before the horizon.
        assertThat(shards(Type.FROM_TRIM_HORIZON)).containsExactly(0, 1, 2);
        assertThat(from(splitAt.minusSeconds(1))).containsExactly(1, 2);
        assertThat(from(createdAt)).containsExactly(1, 2);
        f.clock.set(splitAt.plus(Duration.ofHours(24)).minusSeconds(1));
        assertThat(from(createdAt)).containsExactly(0, 1, 2);
    }

    @Test
    void afterShardIdListsLaterIds() {
        assertThat(shards(new ShardFilter(Type.AFTER_SHARD_ID, new ShardId(0), null)))
                .containsExactly(1, 2);
        assertThat(shards(new ShardFilter(Type.AFTER_SHARD_ID, new ShardId(1), null)))
                .containsExactly(2);
        assertThat(shards(new ShardFilter(Type.AFTER_SHARD_ID, new ShardId(2), null)))
                .isEmpty();
        assertThat(shards(new ShardFilter(Type.AFTER_SHARD_ID, new ShardId(99), null)))
                .isEmpty();
    }

    @Test
    void aMergeAddsItsChildToTheSameFilters() {
        f.clock.advance(f.properties.streams().updateDelay());
        Instant mergeAt = f.clock.instant();
        f.resharding.merge(StreamName.of("s"), "shardId-000000000001", "shardId-000000000002");
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(shards(Type.AT_LATEST)).containsExactly(3);
        assertThat(shards(Type.FROM_TRIM_HORIZON)).containsExactly(0, 1, 2, 3);
        assertThat(at(mergeAt.minusSeconds(1))).containsExactly(1, 2);
        assertThat(at(mergeAt.plusSeconds(1))).containsExactly(3);
        assertThat(from(mergeAt.minusSeconds(1))).containsExactly(1, 2, 3);
        assertThat(from(splitAt.minusSeconds(1))).containsExactly(0, 1, 2, 3);
    }

    @Test
    void filtersRejectMissingOrMisplacedArguments() {
        assertThatThrownBy(() -> new ShardFilter(Type.AFTER_SHARD_ID, null, null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("ShardId must be provided with the ShardFilter type AFTER_SHARD_ID.");
        assertThatThrownBy(() -> new ShardFilter(Type.AT_TIMESTAMP, null, null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Timestamp must be provided with the ShardFilter type AT_TIMESTAMP.");
        assertThatThrownBy(() -> new ShardFilter(Type.AT_LATEST, new ShardId(1), null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("ShardId can only be provided with the ShardFilter type AFTER_SHARD_ID, not AT_LATEST.");
        assertThatThrownBy(() -> new ShardFilter(Type.FROM_TRIM_HORIZON, null, Instant.EPOCH))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Timestamp can only be provided with the ShardFilter types AT_TIMESTAMP and "
                        + "FROM_TIMESTAMP, not FROM_TRIM_HORIZON.");
    }
}
