package dev.runnel.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.shard.ShardId;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.support.ManualClock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class Bucket4jThrottlerTest {

    private static final ShardId SHARD = new ShardId(0);
    private static final long MIB = 1024 * 1024;

    private final ManualClock clock = new ManualClock();
    private final Bucket4jThrottler throttler = new Bucket4jThrottler(RunnelProperties.Limits.DEFAULTS, clock);

    @Test
    void aShardTakesAThousandRecordsASecondAndRefillsSteadily() {
        for (int i = 0; i < 1000; i++) {
            assertThat(throttler.tryWrite(1, SHARD, 1, 10)).as("record %d", i).isTrue();
        }
        assertThat(throttler.tryWrite(1, SHARD, 1, 10)).isFalse();
        clock.advanceMillis(1);
        assertThat(throttler.tryWrite(1, SHARD, 1, 10))
                .as("one more after 1 ms")
                .isTrue();
        assertThat(throttler.tryWrite(1, SHARD, 1, 10)).isFalse();
        assertThat(throttler.tryWrite(1, new ShardId(1), 1, 10))
                .as("other shards are not affected")
                .isTrue();
        assertThat(throttler.tryWrite(2, SHARD, 1, 10)).as("nor other streams").isTrue();
    }

    @Test
    void bytesBurstUpToTheBurstSizeThenRefillAtOneMibPerSecond() {
        long burst = RunnelProperties.Limits.DEFAULTS.writeBurstBytes().toBytes();
        assertThat(throttler.tryWrite(1, SHARD, 1, burst))
                .as("a record as large as the burst")
                .isTrue();
        assertThat(throttler.tryWrite(1, SHARD, 1, 1)).isFalse();
        clock.advanceMillis(1000);
        assertThat(throttler.tryWrite(1, SHARD, 1, MIB + 1)).isFalse();
        assertThat(throttler.tryWrite(1, SHARD, 1, MIB)).isTrue();
    }

    @Test
    void aWriteRefusedForItsBytesGivesBackItsRecord() {
        long burst = RunnelProperties.Limits.DEFAULTS.writeBurstBytes().toBytes();
        assertThat(throttler.tryWrite(1, SHARD, 1, burst)).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(throttler.tryWrite(1, SHARD, 1, 1000)).isFalse();
        }
        clock.advanceMillis(1000);
        // 999 record tokens remain from the first second's 1000 and no refill lost them: 999 + refill, capped.
        int taken = 0;
        while (throttler.tryWrite(1, SHARD, 1, 1)) {
            taken++;
        }
        assertThat(taken).isEqualTo(1000);
    }

    @Test
    void aShardServesFiveReadsASecond() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttler.tryRead(1, SHARD)).isTrue();
        }
        assertThat(throttler.tryRead(1, SHARD)).isFalse();
        clock.advanceMillis(199);
        assertThat(throttler.tryRead(1, SHARD)).isFalse();
        clock.advanceMillis(1);
        assertThat(throttler.tryRead(1, SHARD)).isTrue();
    }

    @Test
    void aTenMibReadHoldsTheShardsNextReadsForAboutFourSeconds() {
        assertThat(throttler.tryRead(1, SHARD)).isTrue();
        throttler.chargeRead(1, SHARD, 10 * MIB);
        assertThat(throttler.tryRead(1, SHARD)).isFalse();
        clock.advanceMillis(3_999);
        assertThat(throttler.tryRead(1, SHARD))
                .as("still in debt just before 4 s")
                .isFalse();
        clock.advanceMillis(2);
        assertThat(throttler.tryRead(1, SHARD)).as("paid off after 4 s").isTrue();
    }

    @Test
    void switchedOffLimitsLetEverythingThrough() {
        Bucket4jThrottler off = new Bucket4jThrottler(RunnelProperties.Limits.OFF, clock);
        assertThat(off.isEnabled()).isFalse();
        for (int i = 0; i < 10_000; i++) {
            assertThat(off.tryWrite(1, SHARD, 1, MIB)).isTrue();
            assertThat(off.tryRead(1, SHARD)).isTrue();
        }
        assertThat(Throttler.unlimited().tryWrite(1, SHARD, 1_000_000, Long.MAX_VALUE / 2))
                .isTrue();
    }

    @Test
    void aFanOutSubscriptionIsPacedToTwoMibPerSecondByWaitingNotRefusing() {
        FanOutPacer pacer = throttler.fanOutPacer();
        assertThat(pacer.charge(MIB)).as("within the budget").isZero();
        assertThat(pacer.charge(MIB)).as("the budget used up, not yet in debt").isZero();
        long wait = pacer.charge(MIB);
        assertThat(wait).as("1 MiB of debt at 2 MiB/s: about half a second").isBetween(490_000_000L, 510_000_000L);
        clock.advanceMillis(500);
        assertThat(pacer.charge(0)).as("paid back").isZero();
        assertThat(throttler.fanOutPacer().charge(2 * MIB))
                .as("each subscription has its own budget")
                .isZero();
        assertThat(new Bucket4jThrottler(RunnelProperties.Limits.OFF, clock).fanOutPacer())
                .as("limits off")
                .isSameAs(FanOutPacer.NONE);
    }

    @Test
    void nodesSharingTheStoreEachEnforceTheirShareOfAShardsLimits() {
        AtomicInteger nodes = new AtomicInteger(2);
        Bucket4jThrottler shared = new Bucket4jThrottler(RunnelProperties.Limits.DEFAULTS, clock, nodes::get);
        int taken = 0;
        while (shared.tryWrite(1, SHARD, 1, 10)) {
            taken++;
        }
        assertThat(taken).as("records at once, one of two nodes").isEqualTo(500);
        clock.advanceMillis(1000);
        taken = 0;
        while (shared.tryWrite(1, SHARD, 1, 10)) {
            taken++;
        }
        assertThat(taken).as("records a second later, one of two nodes").isEqualTo(500);
        long burst = RunnelProperties.Limits.DEFAULTS.writeBurstBytes().toBytes();
        assertThat(shared.tryWrite(1, new ShardId(1), 1, burst))
                .as("the largest record still fits a node's share")
                .isTrue();
        int reads = 0;
        while (shared.tryRead(1, SHARD)) {
            reads++;
        }
        assertThat(reads).as("reads at once, one of two nodes").isEqualTo(2);
        clock.advanceMillis(400);
        assertThat(shared.tryRead(1, SHARD))
                .as("5 reads/s shared by 2: one per 400 ms")
                .isTrue();
        assertThat(shared.tryRead(1, SHARD)).isFalse();

        nodes.set(1);
        taken = 0;
        while (shared.tryWrite(1, SHARD, 1, 10)) {
            taken++;
        }
        assertThat(taken).as("the other node left: the whole limit").isEqualTo(1000);
    }
}
