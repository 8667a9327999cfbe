package dev.runnel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.record.StoredRecord;
import dev.runnel.core.shard.ShardId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The log semantics of a store that runs in one process and owns its storage (memory, disk), beyond the core
 * contract every adapter passes: arrival times are the caller's clock ({@code nowMillis}, never decreasing), so tests
 * choose them and trim by them; the store accounts its bytes exactly ({@link ShardLogStore#usedBytes()} moves by
 * what a trim or drop frees, at once); shards may be created in any order, and a log re-created after a drop starts
 * at position 0 again. A store whose broker stamps arrival times and owns the bytes (Kafka) passes only {@link
 * ShardLogStoreContract}.
 */
public abstract class ShardLogCallerClockContract extends ShardLogStoreContract {

    @Test
    void idsListEveryLogHeldByIncarnationAndReopenedStoresListTheSame() {
        ShardLogStore store = newStore();
        long big = Long.MAX_VALUE - 7; // incarnations take all 63 bits: 19 digits
        store.create(big, SHARD_1);
        store.create(1, SHARD_0);
        store.create(1, SHARD_1);
        store.create(2, SHARD_0);
        store.create(3, SHARD_1);
        store.drop(2);
        store.drop(3, SHARD_1);
        java.util.Map<Long, java.util.Set<ShardId>> expected =
                java.util.Map.of(1L, java.util.Set.of(SHARD_0, SHARD_1), big, java.util.Set.of(SHARD_1));
        assertThat(store.ids()).isEqualTo(expected);
        assertThat(reopen(store).ids()).isEqualTo(expected);
    }

    @Test
    void appendsGetConsecutivePositionsFromZeroAndReadBackInOrder() {
        ShardLog log = newStore().create(1, SHARD_0);
        for (int i = 0; i < 300; i++) {
            AppendResult result = log.append("key-" + i, bytes("data-" + i), 1_000 + i);
            assertThat(result.position()).isEqualTo(i);
            assertThat(result.arrivalMillis()).isEqualTo(1_000 + i);
            assertThat(log.endPosition()).isEqualTo(i + 1);
        }
        List<StoredRecord> records = log.read(0, 10_000, Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(records).hasSize(300);
        for (int i = 0; i < 300; i++) {
            StoredRecord record = records.get(i);
            assertThat(record.position()).isEqualTo(i);
            assertThat(record.partitionKey()).isEqualTo("key-" + i);
            assertThat(record.data().toByteArray()).isEqualTo(bytes("data-" + i));
            assertThat(record.arrivalMillis()).isEqualTo(1_000 + i);
        }
        assertThat(log.read(250, 10_000, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::position)
                .containsExactlyElementsOf(range(250, 300));
        assertThat(log.read(300, 10, Long.MAX_VALUE, Long.MIN_VALUE)).isEmpty();
        assertThat(log.read(10_000, 10, Long.MAX_VALUE, Long.MIN_VALUE)).isEmpty();
    }

    @Test
    void readSkipsRecordsThatArrivedBeforeMinArrival() {
        ShardLog log = newStore().create(1, SHARD_0);
        for (int i = 0; i < 200; i++) {
            log.append("k" + i, bytes("d" + i), 1_000 + i / 2);
        }
        // arrivals: positions 2t and 2t+1 arrive at 1000+t
        assertThat(log.read(0, 3, Long.MAX_VALUE, 1_050))
                .extracting(StoredRecord::position)
                .containsExactly(100L, 101L, 102L);
        assertThat(log.read(150, 3, Long.MAX_VALUE, 1_050))
                .extracting(StoredRecord::position)
                .containsExactly(150L, 151L, 152L);
        assertThat(log.read(0, 1_000, Long.MAX_VALUE, 1_100)).isEmpty();
        assertThat(log.read(0, 1_000, Long.MAX_VALUE, 1_099))
                .extracting(StoredRecord::position)
                .containsExactly(198L, 199L);
    }

    @Test
    void positionAtOrAfterFindsTheFirstRecordAtOrAfterATimeIncludingEqualTimestamps() {
        ShardLog log = newStore().create(1, SHARD_0);
        long[] arrivals = {10, 10, 10, 20, 20, 30};
        for (long arrival : arrivals) {
            log.append("k", bytes("x"), arrival);
        }
        assertThat(log.positionAtOrAfter(Long.MIN_VALUE)).isZero();
        assertThat(log.positionAtOrAfter(9)).isZero();
        assertThat(log.positionAtOrAfter(10)).isZero();
        assertThat(log.positionAtOrAfter(11)).isEqualTo(3);
        assertThat(log.positionAtOrAfter(20)).isEqualTo(3);
        assertThat(log.positionAtOrAfter(21)).isEqualTo(5);
        assertThat(log.positionAtOrAfter(30)).isEqualTo(5);
        assertThat(log.positionAtOrAfter(31)).isEqualTo(6);
        assertThat(log.positionAtOrAfter(Long.MAX_VALUE)).isEqualTo(6);
    }

    @Test
    void arrivalTimesNeverDecreaseWhenTheClockGoesBackwards() {
        ShardLog log = newStore().create(1, SHARD_0);
        assertThat(log.append("a", bytes("a"), 100).arrivalMillis()).isEqualTo(100);
        assertThat(log.append("b", bytes("b"), 50).arrivalMillis()).isEqualTo(100);
        assertThat(log.append("c", bytes("c"), 99).arrivalMillis()).isEqualTo(100);
        assertThat(log.append("d", bytes("d"), 150).arrivalMillis()).isEqualTo(150);
        assertThat(log.append("e", bytes("e"), 120).arrivalMillis()).isEqualTo(150);
        assertThat(log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::arrivalMillis)
                .containsExactly(100L, 100L, 100L, 150L, 150L);
        assertThat(log.positionAtOrAfter(100)).isZero();
        assertThat(log.positionAtOrAfter(101)).isEqualTo(3);
        assertThat(log.positionAtOrAfter(150)).isEqualTo(3);
        assertThat(log.read(0, 10, Long.MAX_VALUE, 101))
                .extracting(StoredRecord::partitionKey)
                .containsExactly("d", "e");
    }

    @Test
    void trimBeforeFreesOldSegmentsMovesTheStartAndKeepsNewerRecords() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        for (int i = 0; i < 1_000; i++) {
            log.append("key", new byte[100], i);
        }
        long usedBefore = store.usedBytes();
        assertThat(log.usedBytes()).isPositive();

        long freed = log.trimBefore(900);
        assertThat(freed).isPositive();
        assertThat(store.usedBytes()).isEqualTo(usedBefore - freed);
        long start = log.startPosition();
        assertThat(start).isPositive().isLessThanOrEqualTo(900);
        assertThat(log.endPosition()).isEqualTo(1_000);
        List<StoredRecord> rest = log.read(0, 10_000, Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(rest.get(0).position()).isEqualTo(start);
        assertThat(rest).extracting(StoredRecord::position).containsExactlyElementsOf(range(start, 1_000));
        assertThat(log.positionAtOrAfter(Long.MIN_VALUE)).isEqualTo(start);

        assertThat(log.trimBefore(start)).as("nothing more to free").isZero();
        assertThat(log.startPosition()).isEqualTo(start);

        // Appends continue at the same positions after a trim.
        assertThat(log.append("k", bytes("x"), 2_000).position()).isEqualTo(1_000);
    }

    @Test
    void trimmingEverythingLeavesAnEmptyLogThatContinuesItsPositions() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        appendMany(log, 500, 50, 0);
        long freed = log.trimBefore(Long.MAX_VALUE);
        assertThat(freed).isPositive();
        assertThat(log.startPosition()).isEqualTo(500);
        assertThat(log.endPosition()).isEqualTo(500);
        assertThat(log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE)).isEmpty();
        assertThat(log.positionAtOrAfter(0)).isEqualTo(500);
        assertThat(log.append("k", bytes("again"), 10).position()).isEqualTo(500);
        assertThat(log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::position)
                .containsExactly(500L);
        assertThat(log.startPosition()).isEqualTo(500);
    }

    @Test
    void dropFreesEveryLogOfTheIncarnation() {
        ShardLogStore store = newStore();
        appendMany(store.create(7, SHARD_0), 300, 100, 0);
        appendMany(store.create(7, SHARD_1), 300, 100, 0);
        appendMany(store.create(8, SHARD_0), 10, 100, 0);
        long keep = store.create(8, SHARD_0).usedBytes();
        assertThat(store.usedBytes()).isGreaterThan(keep);
        store.drop(7);
        assertThat(store.find(7, SHARD_0)).isEmpty();
        assertThat(store.find(7, SHARD_1)).isEmpty();
        assertThat(store.usedBytes()).isEqualTo(keep);
        assertThat(store.find(8, SHARD_0)).isPresent();
        store.drop(7);
        store.drop(42);
        assertThat(store.usedBytes()).isEqualTo(keep);
        assertThat(store.create(7, SHARD_0).endPosition())
                .as("a re-opened log starts afresh")
                .isZero();
    }

    @Test
    void appendsAfterSealFailAndAppendNothingWhileReadsKeepWorking() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        appendMany(log, 70, 20, 7);
        long used = store.usedBytes();
        long end = log.seal();
        assertThatThrownBy(() -> log.append("k", bytes("late"), 8)).isInstanceOf(ShardLogSealedException.class);
        assertThatThrownBy(() -> log.append("k", bytes("late"), 8, true)).isInstanceOf(ShardLogSealedException.class);
        assertThat(log.endPosition()).isEqualTo(end).isEqualTo(70);
        assertThat(store.usedBytes()).isEqualTo(used);
        assertThat(store.find(1, SHARD_0)).get().satisfies(found -> {
            assertThatThrownBy(() -> found.append("k", bytes("late"), 8)).isInstanceOf(ShardLogSealedException.class);
            assertThat(found.endPosition()).isEqualTo(70);
        });
        assertThat(store.create(1, SHARD_0).endPosition())
                .as("create returns the sealed log")
                .isEqualTo(70);
        assertThatThrownBy(() -> store.create(1, SHARD_0).append("k", bytes("late"), 8))
                .isInstanceOf(ShardLogSealedException.class);

        assertThat(log.read(0, 10_000, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::position)
                .containsExactlyElementsOf(range(0, 70));
        assertThat(log.read(65, 10, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::partitionKey)
                .containsExactly("key-65", "key-66", "key-67", "key-68", "key-69");
        assertThat(log.positionAtOrAfter(7)).isZero();
        assertThat(log.positionAtOrAfter(8)).isEqualTo(70);
        assertThat(log.startPosition()).isZero();
        assertThat(log.trimBefore(Long.MAX_VALUE))
                .as("a sealed log can still be trimmed")
                .isPositive();
        assertThat(log.endPosition()).isEqualTo(70);

        ShardLog other = store.create(1, SHARD_1);
        assertThat(other.append("k", bytes("open"), 9).position())
                .as("sealing is per log")
                .isZero();
    }

    @Test
    void droppingOneShardFreesJustThatLog() {
        ShardLogStore store = newStore();
        appendMany(store.create(7, SHARD_0), 300, 100, 0);
        ShardLog kept = store.create(7, SHARD_1);
        appendMany(kept, 200, 100, 0);
        ShardLog otherIncarnation = store.create(8, SHARD_0);
        appendMany(otherIncarnation, 10, 100, 0);
        long keep = kept.usedBytes() + otherIncarnation.usedBytes();
        assertThat(store.usedBytes()).isGreaterThan(keep);

        store.drop(7, SHARD_0);
        assertThat(store.find(7, SHARD_0)).isEmpty();
        assertThat(store.usedBytes()).isEqualTo(keep);
        assertThat(store.find(7, SHARD_1)).isPresent();
        assertThat(store.find(8, SHARD_0)).isPresent();
        assertThat(kept.read(0, 1_000, Long.MAX_VALUE, Long.MIN_VALUE)).hasSize(200);
        assertThat(kept.append("k", bytes("more"), 1).position()).isEqualTo(200);
        assertThat(otherIncarnation.endPosition()).isEqualTo(10);

        long after = store.usedBytes();
        store.drop(7, SHARD_0);
        store.drop(7, new ShardId(42));
        store.drop(99, SHARD_0);
        assertThat(store.usedBytes())
                .as("dropping again or dropping unknown logs is a no-op")
                .isEqualTo(after);
        assertThat(store.create(7, SHARD_0).endPosition())
                .as("a re-created log starts afresh")
                .isZero();

        store.drop(7);
        assertThat(store.find(7, SHARD_1)).isEmpty();
        assertThat(store.usedBytes()).isEqualTo(otherIncarnation.usedBytes());
    }

    @Test
    void dropOfASealedShardFreesIt() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(3, SHARD_0);
        appendMany(log, 100, 100, 0);
        log.seal();
        store.drop(3, SHARD_0);
        assertThat(store.find(3, SHARD_0)).isEmpty();
        assertThat(store.usedBytes()).isZero();
    }

    @Test
    void appendAllGivesConsecutivePositionsInRequestOrderWithOneArrivalTime() {
        ShardLog log = newStore().create(1, SHARD_0);
        log.append("first", bytes("0"), 10);
        List<AppendResult> results = log.appendAll(
                List.of(
                        new ShardLog.Append("a", bytes("1"), false),
                        new ShardLog.Append("\u00e9t\u00e9", bytes("2"), true),
                        new ShardLog.Append("c", new byte[0], false)),
                20);
        assertThat(results).extracting(AppendResult::position).containsExactly(1L, 2L, 3L);
        assertThat(results).extracting(AppendResult::arrivalMillis).containsOnly(20L);
        List<StoredRecord> records = log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(records).extracting(StoredRecord::partitionKey).containsExactly("first", "a", "\u00e9t\u00e9", "c");
        assertThat(records).extracting(StoredRecord::encrypted).containsExactly(false, false, true, false);
        assertThat(records.get(2).data().toByteArray()).isEqualTo(bytes("2"));
        assertThat(log.endPosition()).isEqualTo(4);
    }

    @Test
    void flushedRecordsAndPositionsSurviveAReopen() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        appendMany(log, 150, 50, 0);
        log.appendAll(List.of(new ShardLog.Append("batch", bytes("b"), true)), 500);
        List<StoredRecord> before = log.read(0, 1_000, Long.MAX_VALUE, Long.MIN_VALUE);
        store.flush();
        ShardLogStore reopened = reopen(store);
        ShardLog again = reopened.find(1, SHARD_0).orElseThrow();
        assertThat(again.endPosition()).isEqualTo(151);
        assertSameRecords(again.read(0, 1_000, Long.MAX_VALUE, Long.MIN_VALUE), before, "after reopen");
        assertThat(again.append("k", bytes("next"), 600).position()).isEqualTo(151);
        assertThat(again.append("k", bytes("late clock"), 1).arrivalMillis())
                .as("arrival times still never decrease")
                .isEqualTo(600);
    }

    @Test
    void randomAppendsAndReadsMatchAPlainList() {
        String alphabet = "abcXYZ0189-_\u00e9\u00fc\u00df\u65e5\u672c\ud83d\ude00";
        int[] codePoints = alphabet.codePoints().toArray();
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            ShardLog log = newStore().create(seed, SHARD_0);
            List<StoredRecord> oracle = new ArrayList<>();
            long clock = 1_000_000;
            long lastArrival = Long.MIN_VALUE;
            for (int step = 0; step < 1_500; step++) {
                if (random.nextInt(3) > 0) {
                    StringBuilder key = new StringBuilder();
                    int keyLength = 1 + random.nextInt(random.nextInt(10) == 0 ? 256 : 12);
                    for (int i = 0; i < keyLength; i++) {
                        key.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
                    }
                    byte[] data = new byte[random.nextInt(10) == 0 ? random.nextInt(3_001) : random.nextInt(300)];
                    random.nextBytes(data);
                    clock += random.nextInt(10) == 0 ? -random.nextInt(50) : random.nextInt(20);
                    long arrival = Math.max(clock, lastArrival);
                    lastArrival = arrival;
                    AppendResult result = log.append(key.toString(), data, clock);
                    assertThat(result.position()).isEqualTo(oracle.size());
                    assertThat(result.arrivalMillis()).isEqualTo(arrival);
                    oracle.add(new StoredRecord(oracle.size(), arrival, key.toString(), data.clone()));
                } else {
                    long from = random.nextInt(oracle.size() + 10) - 5;
                    int limit = 1 + random.nextInt(random.nextBoolean() ? 5 : 500);
                    long maxBytes = random.nextInt(4) == 0 ? Long.MAX_VALUE : random.nextInt(20_000);
                    long minArrival = random.nextBoolean() || oracle.isEmpty()
                            ? Long.MIN_VALUE
                            : oracle.get(random.nextInt(oracle.size())).arrivalMillis() + random.nextInt(3) - 1;
                    List<StoredRecord> actual = log.read(from, limit, maxBytes, minArrival);
                    List<StoredRecord> expected = expectedRead(oracle, from, limit, maxBytes, minArrival);
                    assertSameRecords(
                            actual,
                            expected,
                            "seed=" + seed + " step=" + step + " from=" + from + " limit=" + limit + " maxBytes="
                                    + maxBytes + " minArrival=" + minArrival);
                    if (!oracle.isEmpty()) {
                        long t = oracle.get(random.nextInt(oracle.size())).arrivalMillis() + random.nextInt(3) - 1;
                        assertThat(log.positionAtOrAfter(t)).isEqualTo(firstAtOrAfter(oracle, t));
                    }
                }
                assertThat(log.endPosition()).isEqualTo(oracle.size());
            }
            assertSameRecords(log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE), oracle, "full read");
        }
    }
}
