package dev.runnel.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.record.StoredRecord;
import dev.runnel.storage.MemoryBudgetContract;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogCallerClockContract;
import dev.runnel.storage.ShardLogStore;
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
    void rejectsNonsensicalConfiguration() {
        assertThatThrownBy(() -> new InMemoryShardLogStore(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InMemoryShardLogStore(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InMemoryShardLogStore(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> newStore().create(1, SHARD_0).read(0, 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
