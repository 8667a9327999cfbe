package dev.runnel.console;

import static dev.runnel.console.LeaseItems.lease;
import static dev.runnel.console.LeaseItems.withChildren;
import static dev.runnel.console.LeaseItems.withParents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.streams.ShardBacklog;
import dev.runnel.support.RunnelFixture;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An application's leases as rows: owners, checkpoints for display, lag, parents and children, workers. */
class KclApplicationTest {

    private static final String SHARD_0 = "shardId-000000000000";
    private static final String SHARD_1 = "shardId-000000000001";
    private static final String SHARD_2 = "shardId-000000000002";

    private final RunnelFixture f = new RunnelFixture();
    private final ShardBacklog backlog = new ShardBacklog(f.streams.lookup());
    private final List<String> numbers = new ArrayList<>();

    /** Stream "s": shard 0 took three records a second apart and was split into shards 1 and 2; now is 5 s later. */
    @BeforeEach
    void aSplitStream() {
        f.createActive("s", 1);
        Instant first = f.clock.instant();
        for (int i = 0; i < 3; i++) {
            numbers.add(f.put("s", "k", "r" + i).sequenceNumber().toString());
            f.clock.advance(Duration.ofSeconds(1));
        }
        f.resharding.split(
                StreamName.of("s"), SHARD_0, BigInteger.ONE.shiftLeft(127).toString());
        f.clock.set(first.plusSeconds(5));
    }

    private Stream stream() {
        return f.streams.describe(StreamName.of("s"));
    }

    @SafeVarargs
    private KclApplication application(Double rate, Map<String, AttributeValue>... items) {
        List<KclLease> leases = Arrays.stream(items)
                .map(item -> KclLease.of(item).orElseThrow())
                .toList();
        return KclApplication.of(
                new LeaseTableFinder.Match("app", false, false, leases), stream(), backlog, f.clock.instant(), rate);
    }

    private static KclApplication.LeaseRow row(KclApplication app, String shardId) {
        return app.leases().stream()
                .filter(r -> r.shardId().equals(shardId))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aSequenceNumberCheckpointShowsItsLastDigitsAndTheRecordsAfterIt() {
        KclApplication app = application(null, lease(SHARD_0, "worker-1", 7, numbers.get(0)));
        KclApplication.LeaseRow row = row(app, SHARD_0);
        assertThat(row.checkpoint()).isEqualTo(numbers.get(0));
        assertThat(row.checkpointText())
                .isEqualTo("…" + numbers.get(0).substring(46))
                .hasSize(11);
        assertThat(row.leaseCounter()).isEqualTo(7);
        assertThat(row.ownerText()).isEqualTo("worker-1");
        assertThat(row.checkpointIsSequenceNumber()).isTrue();
        assertThat(row.lag()).isEqualTo(new LeaseLag("behind", 2L, 4_000L, null));
        assertThat(row.lag().text()).isEqualTo("2 records · 4,000 ms");
    }

    @Test
    void sentinelsAreWordsAndSetTheLag() {
        KclApplication app = application(
                null,
                lease(SHARD_0, null, 1, "TRIM_HORIZON"),
                lease(SHARD_1, null, 1, "LATEST"),
                lease(SHARD_2, null, 1, "AT_TIMESTAMP"));
        assertThat(row(app, SHARD_0).checkpointText()).isEqualTo("trim horizon");
        assertThat(row(app, SHARD_0).checkpointIsSequenceNumber()).isFalse();
        assertThat(row(app, SHARD_0).lag().text()).isEqualTo("3 records · 5,000 ms");
        assertThat(row(app, SHARD_1).checkpointText()).isEqualTo("latest");
        assertThat(row(app, SHARD_1).lag()).isEqualTo(new LeaseLag("caught-up", 0L, 0L, null));
        assertThat(row(app, SHARD_1).lag().text()).isEqualTo("caught up");
        assertThat(row(app, SHARD_2).checkpointText()).isEqualTo("at timestamp");
        assertThat(row(app, SHARD_2).lag().state()).isEqualTo("unknown");
        assertThat(row(app, SHARD_2).lag().note()).contains("timestamp");
        assertThat(row(app, SHARD_2).ownerText()).isEqualTo("unowned");
    }

    @Test
    void aShardAtItsEndIsFinishedAndListsItsChildrenFromTheLeaseOrElseFromTheStream() {
        KclApplication fromLease =
                application(null, withChildren(lease(SHARD_0, null, 3, "SHARD_END"), SHARD_2, SHARD_1));
        assertThat(row(fromLease, SHARD_0).checkpointText()).isEqualTo("shard end");
        assertThat(row(fromLease, SHARD_0).lag()).isEqualTo(LeaseLag.FINISHED);
        assertThat(row(fromLease, SHARD_0).childShardIds()).containsExactly(SHARD_1, SHARD_2);

        KclApplication fromStream = application(null, lease(SHARD_0, null, 3, "SHARD_END"));
        assertThat(row(fromStream, SHARD_0).childShardIds()).containsExactly(SHARD_1, SHARD_2);
        KclApplication notFinished = application(null, lease(SHARD_0, null, 3, numbers.get(2)));
        assertThat(row(notFinished, SHARD_0).childShardIds()).isEmpty();
        assertThat(row(notFinished, SHARD_0).lag().text()).isEqualTo("caught up");
    }

    @Test
    void aChildWaitsWhileItsParentsLeaseHasNotReachedShardEnd() {
        KclApplication waiting = application(
                null,
                lease(SHARD_0, "w", 4, numbers.get(1)),
                withParents(lease(SHARD_1, null, 1, "TRIM_HORIZON"), SHARD_0));
        assertThat(row(waiting, SHARD_1).waitingForParent()).isTrue();
        assertThat(row(waiting, SHARD_1).parentShardIds()).containsExactly(SHARD_0);
        assertThat(row(waiting, SHARD_0).waitingForParent()).isFalse();

        KclApplication done = application(
                null,
                lease(SHARD_0, null, 4, "SHARD_END"),
                withParents(lease(SHARD_1, "w", 1, "TRIM_HORIZON"), SHARD_0));
        assertThat(row(done, SHARD_1).waitingForParent()).isFalse();
        KclApplication parentLeaseGone =
                application(null, withParents(lease(SHARD_1, "w", 1, "TRIM_HORIZON"), SHARD_0));
        assertThat(row(parentLeaseGone, SHARD_1).waitingForParent()).isFalse();
        assertThat(row(parentLeaseGone, SHARD_1).parentShardIds()).containsExactly(SHARD_0);
    }

    @Test
    void aCheckpointOfAnotherStreamOrAShardTheStreamLacksLeavesTheLagUnknown() {
        String elsewhere = new SequenceNumber(stream().incarnation() + 1, 0, 0).toString();
        KclApplication app = application(
                null, lease(SHARD_0, "w", 1, elsewhere), lease("shardId-000000000009", "w", 1, "TRIM_HORIZON"));
        assertThat(row(app, SHARD_0).lag().state()).isEqualTo("unknown");
        assertThat(row(app, SHARD_0).lag().note()).contains("not a sequence number of this shard");
        assertThat(row(app, "shardId-000000000009").lag().note()).contains("no shard shardId-000000000009");
        assertThat(row(app, "shardId-000000000009").lag().text()).isEqualTo("unknown");
    }

    @Test
    void workersAreTheDistinctOwnersWithTheirLeaseCounts() {
        KclApplication app = application(
                null,
                lease(SHARD_0, "worker-b", 1, "SHARD_END"),
                lease(SHARD_1, "worker-a", 1, "LATEST"),
                lease(SHARD_2, "worker-b", 1, "LATEST"),
                lease("shardId-000000000003", null, 1, "LATEST"));
        assertThat(app.workers())
                .containsExactly(new KclApplication.Worker("worker-a", 1), new KclApplication.Worker("worker-b", 2));
        assertThat(app.unownedLeases()).isEqualTo(1);
        assertThat(app.name()).isEqualTo("app");
    }

    @Test
    void theProcessedRateIsADashUntilASourceGivesOne() {
        assertThat(application(null, lease(SHARD_1, "w", 1, "LATEST")).rateText())
                .isEqualTo("—");
        KclApplication measured = application(1234.5, lease(SHARD_1, "w", 1, "LATEST"));
        assertThat(measured.recordsPerSecond()).isEqualTo(1234.5);
        assertThat(measured.rateText()).isEqualTo("1,234.5 records/s");
    }

    @Test
    void aLeaseItemReadsKclsAttributes() {
        KclLease plain = KclLease.of(withParents(lease(SHARD_1, "w", 12, "LATEST"), SHARD_0))
                .orElseThrow();
        assertThat(plain)
                .isEqualTo(new KclLease(SHARD_1, SHARD_1, null, "w", 12, "LATEST", List.of(SHARD_0), List.of()));
        assertThat(plain.multiStream()).isFalse();
        assertThat(plain.streamName()).isNull();

        KclLease multi = KclLease.of(LeaseItems.multiStreamLease("1:s:2", SHARD_0, null, 0, null))
                .orElseThrow();
        assertThat(multi.shardId()).isEqualTo(SHARD_0);
        assertThat(multi.streamName()).isEqualTo("s");
        assertThat(multi.owner()).isNull();
        assertThat(multi.checkpoint()).isNull();

        assertThat(KclLease.of(Map.of("leaseKey", AttributeValue.n(1)))).isEmpty();
        assertThat(KclLease.of(Map.of("wid", AttributeValue.s("w")))).isEmpty();
    }
}
