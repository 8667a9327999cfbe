package dev.runnel.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.record.StoredRecord;
import dev.runnel.storage.MemoryBudgetContract;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogCallerClockContract;
import dev.runnel.storage.ShardLogStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InMemoryShardLogStoreTest extends ShardLogCallerClockContract implements MemoryBudgetContract {

    private static final int SEGMENT_BYTES = 4096;
    private static final int SEGMENT_RECORDS = 64;

    @Override
    public ShardLogStore newStore(long maxBytes) {
        return new InMemoryShardLogStore(maxBytes, SEGMENT_BYTES, SEGMENT_RECORDS);
    }

    @Override
    protected ShardLogStore newStore() {
        return newStore(64L * 1024 * 1024);
    }

    @Test
    void trimFreesOnlyWholeSegments() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        // 10-byte records: segments roll every 64 records
        for (int i = 0; i < 200; i++) {
            log.append("k", new byte[9], i);
        }
        assertThat(log.trimBefore(63)).as("record 63 keeps the first segment").isZero();
        assertThat(log.startPosition()).isZero();
        long used = store.usedBytes();
        long freed = log.trimBefore(64);
        assertThat(freed).isPositive();
        assertThat(log.startPosition()).isEqualTo(64);
        assertThat(store.usedBytes()).isEqualTo(used - freed);
        assertThat(log.trimBefore(150)).isPositive();
        assertThat(log.startPosition())
                .as("records 128..191 share a segment with unexpired 150..191")
                .isEqualTo(128);
        // Expired records still stored are skipped by reads that pass the cutoff.
        assertThat(log.read(0, 1, Long.MAX_VALUE, 150))
                .extracting(StoredRecord::position)
                .containsExactly(150L);
        assertThat(log.read(0, 1, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::position)
                .containsExactly(128L);
    }

    @Test
    void segmentsRollOnBytesAsWellAsRecords() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        // 1000-byte records: four per 4096-byte segment
        for (int i = 0; i < 12; i++) {
            log.append("k", new byte[999], i);
        }
        log.trimBefore(4);
        assertThat(log.startPosition()).isEqualTo(4);
        log.trimBefore(7);
        assertThat(log.startPosition()).isEqualTo(4);
        log.trimBefore(8);
        assertThat(log.startPosition()).isEqualTo(8);
    }

    @Test
    void aRecordLargerThanASegmentGetsASegmentOfItsOwn() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        log.append("a", new byte[10], 1);
        log.append("b", new byte[10_000], 2);
        log.append("c", new byte[10], 3);
        assertThat(log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(r -> r.data().length())
                .containsExactly(10, 10_000, 10);
        log.trimBefore(3);
        assertThat(log.startPosition()).isEqualTo(2);
    }

    @Test
    void usedBytesAreZeroWhenEmptyAndAfterDrop() {
        ShardLogStore store = newStore();
        assertThat(store.usedBytes()).isZero();
        appendMany(store.create(1, SHARD_0), 1_000, 50, 0);
        assertThat(store.usedBytes())
                .isEqualTo(store.create(1, SHARD_0).usedBytes())
                .isGreaterThan(50_000);
        store.drop(1);
        assertThat(store.usedBytes()).isZero();
        assertThat(store.maxBytes()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void overheadPerRecordIsAtMostSixtyFourBytesBeyondPayloadAndKey() {
        // The production segment geometry (1 MB / 16384 records) and the small one used by these tests.
        for (int[] geometry : new int[][] {{1024 * 1024, 16_384}, {SEGMENT_BYTES, SEGMENT_RECORDS}}) {
            ShardLogStore store = new InMemoryShardLogStore(1L << 30, geometry[0], geometry[1]);
            ShardLog log = store.create(1, SHARD_0);
            byte[] data = new byte[100];
            for (int i = 0; i < 100_000; i++) {
                log.append(String.format("key-%06d", i % 1_000_000), data, i);
            }
            long perRecord = store.usedBytes() / 100_000;
            assertThat(perRecord - 110)
                    .as("overhead per record, segment geometry %d/%d", geometry[0], geometry[1])
                    .isLessThanOrEqualTo(64)
                    .isNotNegative();
        }
    }

    @Test
    void anArrivalMoreThanAnIntOfMillisecondsAfterASegmentsFirstStartsANewSegment() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        long base = 1_700_000_000_000L;
        long max = Integer.MAX_VALUE;
        long[] arrivals = {base, base + 5, base + max, base + max + 1, base + max + 2, base + 3 * max};
        for (long arrival : arrivals) {
            assertThat(log.append("k", new byte[9], arrival).arrivalMillis()).isEqualTo(arrival);
        }
        assertThat(log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::arrivalMillis)
                .containsExactly(arrivals[0], arrivals[1], arrivals[2], arrivals[3], arrivals[4], arrivals[5]);
        // AT_TIMESTAMP lookups across the boundaries
        assertThat(log.positionAtOrAfter(base + 6)).isEqualTo(2);
        assertThat(log.positionAtOrAfter(base + max)).isEqualTo(2);
        assertThat(log.positionAtOrAfter(base + max + 1)).isEqualTo(3);
        assertThat(log.positionAtOrAfter(base + max + 2)).isEqualTo(4);
        assertThat(log.positionAtOrAfter(base + max + 3)).isEqualTo(5);
        assertThat(log.positionAtOrAfter(base + 3 * max + 1)).isEqualTo(6);
        assertThat(log.read(0, 1, Long.MAX_VALUE, base + max + 1))
                .extracting(StoredRecord::position)
                .containsExactly(3L);
        // Whole segments trim: base+max still shares the first segment, base+max+1 starts the second, and
        // base+3max the third.
        assertThat(log.trimBefore(base + max)).isZero();
        assertThat(log.startPosition()).isZero();
        assertThat(log.trimBefore(base + max + 1)).isPositive();
        assertThat(log.startPosition()).isEqualTo(3);
        assertThat(log.trimBefore(base + 3 * max)).isPositive();
        assertThat(log.startPosition()).isEqualTo(5);
        assertThat(log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::arrivalMillis)
                .containsExactly(base + 3 * max);
    }

    @Test
    void aSlowStreamKeptForAYearRoundTripsItsArrivalsAndFindsThemByTime() {
        // Gaps of up to 60 days (retention goes up to 8760 hours), among bursts within one millisecond.
        long[] gaps = {
            0, 1, 999, 86_400_000L, 20L * 86_400_000, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, 60L * 86_400_000
        };
        Random random = new Random(42);
        ShardLog log = newStore().create(1, SHARD_0);
        List<Long> arrivals = new ArrayList<>();
        long clock = 1_600_000_000_000L;
        for (int i = 0; i < 300; i++) {
            clock += gaps[random.nextInt(gaps.length)];
            arrivals.add(
                    log.append("k" + i, new byte[random.nextInt(200)], clock).arrivalMillis());
        }
        assertThat(arrivals).isSorted();
        assertThat(log.read(0, 1_000, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::arrivalMillis)
                .containsExactlyElementsOf(arrivals);
        for (long arrival : arrivals) {
            for (long t = arrival - 1; t <= arrival + 1; t++) {
                assertThat(log.positionAtOrAfter(t)).as("at %d", t).isEqualTo(firstArrivalAtOrAfter(arrivals, t));
            }
        }
    }

    @Test
    void arrivalsAtTheEndsOfTheLongRangeRoundTrip() {
        ShardLog log = newStore().create(1, SHARD_0);
        long[] arrivals = {Long.MIN_VALUE, Long.MIN_VALUE + Integer.MAX_VALUE, -1, 0, Long.MAX_VALUE};
        for (long arrival : arrivals) {
            log.append("k", new byte[1], arrival);
        }
        assertThat(log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::arrivalMillis)
                .containsExactly(arrivals[0], arrivals[1], arrivals[2], arrivals[3], arrivals[4]);
        assertThat(log.positionAtOrAfter(Long.MIN_VALUE + 1)).isEqualTo(1);
        assertThat(log.positionAtOrAfter(0)).isEqualTo(3);
        assertThat(log.positionAtOrAfter(1)).isEqualTo(4);
        assertThat(log.positionAtOrAfter(Long.MAX_VALUE)).isEqualTo(4);
    }

    @Test
    void rejectsNonsensicalConfiguration() {
        assertThatThrownBy(() -> new InMemoryShardLogStore(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InMemoryShardLogStore(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InMemoryShardLogStore(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> newStore().create(1, SHARD_0).read(0, 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
