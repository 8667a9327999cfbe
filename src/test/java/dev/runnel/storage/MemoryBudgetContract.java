package dev.runnel.storage;

import static dev.runnel.storage.ShardLogStoreContract.SHARD_0;
import static dev.runnel.storage.ShardLogStoreContract.bytes;
import static dev.runnel.storage.ShardLogStoreContract.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.record.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A capability of stores that hold records within a fixed byte budget (the memory store): a full budget
 * refuses appends with LimitExceededException and loses nothing already appended. Stores that hand space
 * management to the disk or to Kafka do not have it. A test class implements this beside extending {@link
 * ShardLogStoreContract}.
 */
public interface MemoryBudgetContract {

    /** A fresh, empty store with small segments holding at most {@code maxBytes} bytes. */
    ShardLogStore newStore(long maxBytes);

    @Test
    default void aFullBudgetRefusesAppendsAndKeepsEarlierRecords() {
        ShardLogStore store = newStore(16 * 1024);
        ShardLog log = store.create(1, SHARD_0);
        List<byte[]> written = new ArrayList<>();
        LimitExceededException refused = null;
        for (int i = 0; i < 1_000 && refused == null; i++) {
            byte[] data = filled(1_000, i);
            try {
                log.append("k" + i, data, i);
                written.add(data);
            } catch (LimitExceededException e) {
                refused = e;
            }
        }
        assertThat(refused).as("the budget must run out").isNotNull();
        assertThat(written).isNotEmpty();
        assertThat(store.usedBytes()).isLessThanOrEqualTo(store.maxBytes());
        long end = log.endPosition();
        long used = store.usedBytes();
        assertThat(end).isEqualTo(written.size());
        assertThatThrownBy(() -> log.append("again", filled(1_000, 0), 5_000))
                .isInstanceOf(LimitExceededException.class);
        assertThat(log.endPosition()).isEqualTo(end);
        assertThat(store.usedBytes()).isEqualTo(used);
        List<StoredRecord> records = log.read(0, 10_000, Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(records).hasSize(written.size());
        for (int i = 0; i < written.size(); i++) {
            assertThat(records.get(i).data().toByteArray()).isEqualTo(written.get(i));
            assertThat(records.get(i).partitionKey()).isEqualTo("k" + i);
        }
    }

    @Test
    default void aRecordLargerThanTheBudgetIsRefusedWithNothingAppended() {
        ShardLogStore store = newStore(8 * 1024);
        ShardLog log = store.create(1, SHARD_0);
        assertThatThrownBy(() -> log.append("k", new byte[9 * 1024], 1)).isInstanceOf(LimitExceededException.class);
        assertThat(log.endPosition()).isZero();
        assertThat(log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE)).isEmpty();
        assertThat(log.append("k", bytes("small"), 1).position()).isZero();
    }

    @Test
    default void freeingMemoryMakesRoomAgain() {
        ShardLogStore store = newStore(32 * 1024);
        ShardLog log = store.create(1, SHARD_0);
        int appended = 0;
        try {
            for (int i = 0; i < 1_000; i++) {
                log.append("k", new byte[500], i);
                appended++;
            }
        } catch (LimitExceededException expected) {
            // full
        }
        assertThat(appended).isLessThan(1_000);
        log.trimBefore(Long.MAX_VALUE);
        assertThat(log.append("k", new byte[500], 5_000).position()).isEqualTo(appended);
        store.drop(1);
        assertThat(store.usedBytes()).isZero();
    }

    @Test
    default void appendAllStopsAtTheRecordThatDoesNotFitAndKeepsThoseBefore() {
        ShardLogStore store = newStore(16 * 1024);
        ShardLog log = store.create(1, SHARD_0);
        List<ShardLog.Append> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(new ShardLog.Append("k" + i, filled(1_000, i), false));
        }
        List<AppendResult> results = log.appendAll(batch, 1);
        assertThat(results).isNotEmpty().hasSizeLessThan(100);
        assertThat(log.endPosition()).isEqualTo(results.size());
        List<StoredRecord> records = log.read(0, 1_000, Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(records).hasSize(results.size());
        assertThat(records.get(records.size() - 1).data().toByteArray()).isEqualTo(filled(1_000, results.size() - 1));
        assertThatThrownBy(() -> log.appendAll(batch, 2)).isInstanceOf(LimitExceededException.class);
        assertThat(log.endPosition()).isEqualTo(results.size());
    }
}
