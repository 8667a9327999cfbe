package dev.runnel.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class HeapPlanTest {

    private static final long MIB = 1L << 20;

    private static RunnelProperties storage(DataSize maxBytes, DataSize maxReadBytes, DataSize inFlight) {
        RunnelProperties defaults = RunnelProperties.defaults();
        return new RunnelProperties(
                defaults.accountId(),
                defaults.region(),
                defaults.streams(),
                defaults.iterators(),
                new Storage(maxBytes, maxReadBytes, DataSize.ofMegabytes(1), 16_384),
                Http.withInFlightBytes(DataSize.ofMegabytes(16), inFlight));
    }

    @Test
    void theDefaultsAreSharesOfTheHeapThatKeepTheRuleAtEverySize() {
        for (long heapMib : new long[] {64, 128, 256, 491, 512, 1024, 4096, 65_536}) {
            HeapPlan plan = HeapPlan.of(storage(null, null, null), heapMib * MIB);

            assertThat(plan.storageBytes()).as("%d MiB", heapMib).isEqualTo(heapMib * MIB / 4);
            assertThat(plan.readBytes())
                    .isEqualTo(plan.requestBytes())
                    .isEqualTo(Math.min(64 * MIB, heapMib * MIB / 16));
            assertThat(plan.fits()).as("defaults at %d MiB", heapMib).isTrue();
            plan.check();
        }
        assertThat(HeapPlan.defaultInFlightBytes(512 * MIB)).isEqualTo(32 * MIB);
        assertThat(HeapPlan.defaultInFlightBytes(128 * MIB)).isEqualTo(8 * MIB);
        assertThat(HeapPlan.defaultInFlightBytes(8192 * MIB)).isEqualTo(64 * MIB);
    }

    @Test
    void aStoreBudgetLargerThanTheHeapIsRefusedWithWhatWouldFit() {
        HeapPlan plan = HeapPlan.of(storage(DataSize.ofGigabytes(2), null, null), 512 * MIB);

        assertThat(plan.fits()).isFalse();
        assertThatThrownBy(plan::check).isInstanceOfSatisfying(HeapTooSmallException.class, e -> {
            assertThat(e.problem())
                    .contains("runnel.storage.max-bytes (2048 MiB)")
                    .contains("runnel.storage.max-read-bytes (32 MiB)")
                    .contains("runnel.http.max-in-flight-bytes (32 MiB)")
                    .contains("half of the maximum heap of 512 MiB (256 MiB)");
            assertThat(e.action()).contains("-Xmx4480m").contains("lower runnel.storage.max-bytes to at most 192 MiB");
            assertThat(e.getMessage()).isEqualTo(e.problem() + " " + e.action());
        });
    }

    @Test
    void theRuleCountsAllThreeBudgetsUpToHalfTheHeap() {
        long heap = 1024 * MIB;
        assertThat(HeapPlan.of(storage(DataSize.ofMegabytes(384), null, null), heap)
                        .fits())
                .as("384 + 64 + 64 = 512 MiB")
                .isTrue();
        assertThat(HeapPlan.of(storage(DataSize.ofMegabytes(385), null, null), heap)
                        .fits())
                .isFalse();
        HeapPlan smallerInFlight = HeapPlan.of(
                storage(DataSize.ofMegabytes(480), DataSize.ofMegabytes(16), DataSize.ofMegabytes(16)), heap);
        assertThat(smallerInFlight.fits()).isTrue();
        assertThat(smallerInFlight.totalBytes()).isEqualTo(512 * MIB);
    }

    @Test
    void inFlightBudgetsThatAloneBreakTheRuleSayToLowerThem() {
        HeapPlan plan = HeapPlan.of(
                storage(DataSize.ofMegabytes(1), DataSize.ofMegabytes(200), DataSize.ofMegabytes(200)), 512 * MIB);

        assertThatThrownBy(plan::check)
                .isInstanceOfSatisfying(
                        HeapTooSmallException.class,
                        e -> assertThat(e.action())
                                .contains("lower runnel.storage.max-read-bytes and runnel.http.max-in-flight-bytes"));
    }

    @Test
    void storageAndHttpFallBackToTheSameDefaultsForThisJvm() {
        RunnelProperties defaults = storage(null, null, null);
        HeapPlan plan = HeapPlan.of(defaults);

        assertThat(defaults.storage().maxBytesOrDefault()).isEqualTo(plan.storageBytes());
        assertThat(defaults.storage().maxReadBytesOrDefault()).isEqualTo(plan.readBytes());
        assertThat(defaults.http().maxInFlightBytesOrDefault()).isEqualTo(plan.requestBytes());
        assertThat(plan.maxHeapBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
    }
}
