package dev.runnel.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.ProvisionedThroughputExceededException;
import dev.runnel.core.record.ShardIteratorType;
import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.stream.StreamName;
import dev.runnel.streams.ConsumerService.ConsumerRef;
import dev.runnel.support.RunnelFixture;
import dev.runnel.throttling.ByteBudget;
import dev.runnel.throttling.Throttler;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every read of records takes their bytes from the read budget until its answer is written: GetRecords and the
 * console's pages are refused with ProvisionedThroughputExceededException when it has no room, fan-out events
 * wait for it, and closing a page or an event gives its bytes back.
 */
class ReadBudgetRulesTest {

    private static final int RECORD_BYTES = 600; // 599 bytes of data and a one-byte key

    private final RunnelFixture f = new RunnelFixture();
    private final ReadMemoryBudget budget = new ReadMemoryBudget(1_000, Duration.ZERO);
    private final RecordService records =
            new RecordService(f.streams.lookup(), f.iterators, f.clock, f.traffic, Throttler.unlimited(), budget);
    private final Subscriptions subscriptions = new Subscriptions(
            f.consumers,
            f.streams.lookup(),
            f.iterators,
            f.clock,
            f.properties.fanOut(),
            Throttler.unlimited(),
            f.traffic,
            budget);

    private String threeRecords() {
        f.createActive("s", 1);
        for (int i = 0; i < 3; i++) {
            f.put("s", "k", new byte[RECORD_BYTES - 1]);
        }
        return f.iterator("s", 0, ShardIteratorType.TRIM_HORIZON);
    }

    @Test
    void aPageHoldsItsBytesUntilItIsClosedAndAReadFindingNoRoomIsThrottled() {
        String iterator = threeRecords();

        GetRecordsResult page = records.getRecords(iterator, 1);
        assertThat(page.records()).hasSize(1);
        assertThat(budget.usedBytes()).isEqualTo(RECORD_BYTES);

        assertThatThrownBy(() -> records.getRecords(iterator, 1))
                .isInstanceOf(ProvisionedThroughputExceededException.class)
                .hasMessageStartingWith("Rate exceeded for shard shardId-000000000000 in stream s under account "
                        + RunnelFixture.ACCOUNT + ".")
                .hasMessageContaining("runnel.storage.max-read-bytes");
        assertThat(budget.usedBytes()).as("a refused read takes nothing").isEqualTo(RECORD_BYTES);

        page.close();
        page.close();
        assertThat(budget.usedBytes()).isZero();
        try (GetRecordsResult all = records.getRecords(iterator, 10)) {
            assertThat(all.records())
                    .as("a page larger than the whole budget goes when nothing else is read")
                    .hasSize(3);
            assertThat(budget.usedBytes()).isEqualTo(3 * RECORD_BYTES);
        }
        assertThat(budget.usedBytes()).isZero();
    }

    @Test
    void anEmptyPageHoldsNothing() {
        f.createActive("s", 1);
        budget.tryAcquire(1_000);

        GetRecordsResult page = records.getRecords(f.iterator("s", 0, ShardIteratorType.LATEST), null);

        assertThat(page.records()).isEmpty();
        assertThat(page.lease()).isSameAs(ByteBudget.Lease.NONE);
    }

    @Test
    void theConsoleReadsWithinTheBudgetToo() {
        threeRecords();
        ByteBudget.Lease other = budget.tryAcquire(1_000);

        assertThatThrownBy(() -> records.browse(
                        StreamName.of("s"), "shardId-000000000000", new StartingPosition.TrimHorizon(), 1))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThatThrownBy(() -> records.newest(StreamName.of("s"), "shardId-000000000000", 1))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        other.close();
        try (RecordsBrowsed page =
                records.browse(StreamName.of("s"), "shardId-000000000000", new StartingPosition.TrimHorizon(), 1)) {
            assertThat(page.records()).hasSize(1);
            assertThat(budget.usedBytes()).isEqualTo(RECORD_BYTES);
        }
        assertThat(budget.usedBytes()).isZero();
    }

    @Test
    void aFanOutEventWaitsForRoomAndHoldsItsBytesUntilClosed() {
        threeRecords();
        f.consumers.register(StreamName.of("s"), "app", Map.of());
        f.clock.advance(f.properties.fanOut().createDelay());
        Subscription subscription = subscriptions.subscribe(
                new ConsumerRef(StreamName.of("s"), "app", null),
                "shardId-000000000000",
                new StartingPosition.TrimHorizon());
        ByteBudget.Lease other = budget.tryAcquire(1);

        assertThat(subscription.next(true)).as("no room beside another read").isNull();
        assertThat(subscription.heldBack()).isTrue();

        other.close();
        Subscription.Event event = subscription.next(true);
        assertThat(subscription.heldBack()).isFalse();
        assertThat(event.records()).as("the records held back, none skipped").hasSize(3);
        assertThat(budget.usedBytes()).isEqualTo(3 * RECORD_BYTES);
        event.close();
        assertThat(budget.usedBytes()).isZero();
        assertThat(subscription.next(false)).isNull();
        assertThat(subscription.heldBack()).as("nothing new is not held back").isFalse();
    }
}
