package dev.runnel.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.streams.ShardBacklog.Backlog;
import dev.runnel.support.RunnelFixture;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Records left after a checkpoint and how old the oldest is, against real shard logs and a manual clock. */
class ShardBacklogTest {

    private static final ShardId SHARD_0 = new ShardId(0);

    private final RunnelFixture f = new RunnelFixture();
    private final ShardBacklog backlog = new ShardBacklog(f.streams.lookup());
    private final List<String> numbers = new ArrayList<>();
    private Instant firstArrival;

    /** One shard holding three records that arrived a second apart. */
    @BeforeEach
    void threeRecordsASecondApart() {
        f.createActive("s", 1);
        firstArrival = f.clock.instant();
        for (int i = 0; i < 3; i++) {
            numbers.add(f.put("s", "k", "r" + i).sequenceNumber().toString());
            f.clock.advance(Duration.ofSeconds(1));
        }
        f.clock.set(firstArrival.plusSeconds(5));
    }

    private Stream stream() {
        return f.streams.describe(StreamName.of("s"));
    }

    private Instant now() {
        return f.clock.instant();
    }

    @Test
    void fromTheTrimHorizonEveryRetainedRecordIsLeftAndTheOldestIsAsOldAsTheFirst() {
        assertThat(backlog.all(stream(), SHARD_0, now())).contains(new Backlog(3, 5_000));
    }

    @Test
    void afterACheckpointTheRecordsAfterItAreLeftAndTheOldestOfThemSetsTheTime() {
        assertThat(backlog.afterSequenceNumber(stream(), SHARD_0, numbers.get(0), now()))
                .contains(new Backlog(2, 4_000));
        assertThat(backlog.afterSequenceNumber(stream(), SHARD_0, numbers.get(1), now()))
                .contains(new Backlog(1, 3_000));
    }

    @Test
    void aCheckpointAtTheNewestRecordIsCaughtUp() {
        Backlog none = backlog.afterSequenceNumber(stream(), SHARD_0, numbers.get(2), now())
                .orElseThrow();
        assertThat(none).isEqualTo(Backlog.NONE);
        assertThat(none.caughtUp()).isTrue();
    }

    @Test
    void aNumberJustBeforeARecordLeavesThatRecordUnprocessed() {
        String beforeSecond = SequenceNumber.before(stream(), SHARD_0, 1);
        assertThat(backlog.afterSequenceNumber(stream(), SHARD_0, beforeSecond, now()))
                .contains(new Backlog(2, 4_000));
    }

    @Test
    void aNumberOfAnotherShardOrIncarnationOrNoRunnelNumberGivesNoAnswer() {
        Stream stream = stream();
        String otherShard = SequenceNumber.of(stream, new ShardId(7), 0).toString();
        String otherIncarnation = new SequenceNumber(stream.incarnation() + 1, 0, 0).toString();
        assertThat(backlog.afterSequenceNumber(stream, SHARD_0, otherShard, now()))
                .isEmpty();
        assertThat(backlog.afterSequenceNumber(stream, SHARD_0, otherIncarnation, now()))
                .isEmpty();
        assertThat(backlog.afterSequenceNumber(
                        stream, SHARD_0, "49590338271490256608559692538361571095921575989136588898", now()))
                .isEmpty();
        assertThat(backlog.afterSequenceNumber(stream, SHARD_0, "TRIM_HORIZON", now()))
                .isEmpty();
    }

    @Test
    void aShardTheStreamDoesNotHaveGivesNoAnswer() {
        assertThat(backlog.all(stream(), new ShardId(3), now())).isEmpty();
    }

    @Test
    void recordsPastRetentionAreNotLeftEvenBeforeTheirStorageIsFreed() {
        f.clock.set(firstArrival.plus(Duration.ofHours(24)).plusMillis(500));
        assertThat(backlog.all(stream(), SHARD_0, now()))
                .as("the first record expired; the second arrived 24 h 0.5 s minus 1 s ago")
                .contains(new Backlog(2, Duration.ofHours(24).minusMillis(500).toMillis()));
        f.clock.set(firstArrival.plus(Duration.ofHours(24)).plusSeconds(3));
        assertThat(backlog.all(stream(), SHARD_0, now())).contains(Backlog.NONE);
    }

    @Test
    void aClosedShardEndsWhereItWasSealed() {
        f.resharding.split(
                StreamName.of("s"),
                SHARD_0.toString(),
                BigInteger.ONE.shiftLeft(127).toString());
        f.put("s", "k", "in a child");
        Stream split = stream();
        assertThat(split.shard(SHARD_0).orElseThrow().isOpen()).isFalse();
        assertThat(backlog.afterSequenceNumber(split, SHARD_0, numbers.get(1), now()))
                .contains(new Backlog(1, 3_000));
        assertThat(backlog.afterSequenceNumber(split, SHARD_0, numbers.get(2), now()))
                .contains(Backlog.NONE);
    }
}
