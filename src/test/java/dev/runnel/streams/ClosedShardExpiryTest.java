package dev.runnel.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.record.ShardIteratorType;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardFilter;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.records.GetRecordsResult;
import dev.runnel.storage.ShardLog;
import dev.runnel.support.RunnelFixture;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Closed shards disappear, with their logs, once their data is past retention; open shards never do. */
class ClosedShardExpiryTest {

    private static final String ACCOUNT = RunnelFixture.ACCOUNT;
    private static final String HALF = BigInteger.ONE.shiftLeft(127).toString();

    private final RunnelFixture f = new RunnelFixture();

    private Stream current(String name) {
        return f.streams.describe(StreamName.of(name));
    }

    private static List<ShardId> ids(List<Shard> shards) {
        return shards.stream().map(Shard::id).toList();
    }

    private static ShardId id(int index) {
        return new ShardId(index);
    }

    private long usedByLogsOf(Stream stream) {
        return stream.shards().stream()
                .mapToLong(s -> f.store
                        .find(stream.incarnation(), s.id())
                        .map(ShardLog::usedBytes)
                        .orElse(0L))
                .sum();
    }

    /** A stream of one shard holding 200 records, split a minute later; returns the split's instant. */
    private Instant splitAfterWriting(String name) {
        for (int i = 0; i < 200; i++) {
            f.put(name, "k" + i, new byte[1_000]);
        }
        f.clock.advance(Duration.ofMinutes(1));
        Instant closedAt = f.clock.instant();
        f.resharding.split(StreamName.of(name), "shardId-000000000000", HALF);
        return closedAt;
    }

    @Test
    void aClosedShardIsRemovedWithItsLogOnceClosedAtPlusRetentionHasPassed() {
        Stream created = f.createActive("s", 1);
        Instant closedAt = splitAfterWriting("s");
        for (int i = 0; i < 50; i++) {
            f.put("s", "child-" + i, new byte[100]);
        }
        long incarnation = created.incarnation();
        assertThat(current("s").shard(id(0)).orElseThrow().closedAt()).isEqualTo(closedAt);

        f.clock.set(closedAt.plus(Duration.ofHours(24)).minusMillis(1));
        f.streams.housekeeping();
        assertThat(ids(current("s").shards())).containsExactly(id(0), id(1), id(2));
        assertThat(ids(f.streams.shards(current("s"), ShardFilter.ALL))).containsExactly(id(0), id(1), id(2));
        assertThat(f.store.find(incarnation, id(0))).isPresent();
        GetRecordsResult stillReadable = f.records.getRecords(
                f.iterator("s", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null, null), null);
        assertThat(stillReadable.nextShardIterator()).isNull();
        assertThat(stillReadable.childShards()).hasSize(2);

        long usedBefore = f.store.usedBytes();
        assertThat(usedBefore).isGreaterThan(0);
        f.clock.set(closedAt.plus(Duration.ofHours(24)).plusMillis(1));
        long freed = f.streams.housekeeping();

        Stream after = current("s");
        assertThat(ids(after.shards())).containsExactly(id(1), id(2));
        assertThat(after.openShardCount()).isEqualTo(2);
        assertThat(after.nextShardIndex()).as("ids are never reused").isEqualTo(3);
        for (ShardFilter filter : List.of(
                ShardFilter.ALL,
                new ShardFilter(ShardFilter.Type.AT_TRIM_HORIZON, null, null),
                new ShardFilter(ShardFilter.Type.AT_LATEST, null, null),
                new ShardFilter(ShardFilter.Type.AFTER_SHARD_ID, id(0), null),
                new ShardFilter(ShardFilter.Type.FROM_TIMESTAMP, null, created.createdAt()),
                new ShardFilter(ShardFilter.Type.AT_TIMESTAMP, null, created.createdAt()))) {
            assertThat(ids(f.streams.shards(after, filter))).as("%s", filter).doesNotContain(id(0));
        }
        assertThat(f.store.find(incarnation, id(0)))
                .as("the expired shard's log is dropped")
                .isEmpty();
        assertThat(f.store.usedBytes()).isLessThan(usedBefore).isEqualTo(usedByLogsOf(after));
        assertThat(freed).isPositive();
        assertThatThrownBy(() -> f.iterator("s", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null, null))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Shard shardId-000000000000 in stream s under account " + ACCOUNT + " does not exist");

        f.resharding.split(
                StreamName.of("s"),
                "shardId-000000000001",
                BigInteger.ONE.shiftLeft(126).toString());
        assertThat(ids(current("s").shards())).containsExactly(id(1), id(2), id(3), id(4));
    }

    @Test
    void aLongerRetentionKeepsTheClosedShardLonger() {
        f.streams.create(CreateStreamCommand.of("s", 1, 48, null, null));
        f.clock.advance(f.properties.streams().createDelay());
        Instant closedAt = splitAfterWriting("s");
        f.clock.set(closedAt.plus(Duration.ofHours(24)).plusMillis(1));
        f.streams.housekeeping();
        assertThat(ids(current("s").shards())).containsExactly(id(0), id(1), id(2));
        f.clock.set(closedAt.plus(Duration.ofHours(48)).plusMillis(1));
        f.streams.housekeeping();
        assertThat(ids(current("s").shards())).containsExactly(id(1), id(2));
    }

    @Test
    void openShardsNeverDisappearEvenWhenTheirDataHasExpired() {
        Stream created = f.createActive("s", 2);
        for (int i = 0; i < 100; i++) {
            f.put("s", "k" + i, new byte[500]);
        }
        f.resharding.merge(StreamName.of("s"), "shardId-000000000000", "shardId-000000000001");
        f.clock.advance(f.properties.streams().updateDelay());
        f.put("s", "late", "x");
        f.createActive("quiet", 3);
        for (int day = 1; day <= 100; day += 33) {
            f.clock.advance(Duration.ofDays(33));
            f.streams.housekeeping();
            Stream s = current("s");
            assertThat(ids(s.shards())).as("day %d", day).containsExactly(id(2));
            assertThat(s.shard(id(2)).orElseThrow().isOpen()).isTrue();
            assertThat(f.store.find(created.incarnation(), id(2))).isPresent();
            assertThat(ids(current("quiet").shards())).containsExactly(id(0), id(1), id(2));
        }
        assertThat(f.store.find(created.incarnation(), id(0))).isEmpty();
        assertThat(f.store.find(created.incarnation(), id(1))).isEmpty();
        GetRecordsResult page = f.records.getRecords(f.iterator("s", 2, ShardIteratorType.TRIM_HORIZON), null);
        assertThat(page.records()).as("the data expired, the shard did not").isEmpty();
        assertThat(page.nextShardIterator()).isNotNull();
        f.put("s", "new", "y");
        assertThat(f.drain(f.iterator("s", 2, ShardIteratorType.TRIM_HORIZON))).containsExactly("y");
    }
}
