package dev.runnel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.record.RecordData;
import dev.runnel.core.record.StoredRecord;
import dev.runnel.core.shard.ShardId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The log semantics every {@link ShardLogStore} adapter must have (memory, disk, Kafka). An adapter's test extends
 * this class and makes stores whose segments are small (about 4 KiB or 64 records), so that the tests cross
 * segment boundaries and trimming can free whole segments; a durable adapter also overrides {@link #reopen} so
 * that the same tests check its recovery. Capabilities only some adapters have are separate contracts: {@link
 * MemoryBudgetContract}, and {@link ShardLogCallerClockContract} for stores that stamp the caller's clock and own
 * their bytes (memory, disk).
 *
 * <p>The tests here take arrival times as the appends return them (a broker may stamp its own clock and ignore the
 * caller's): where a test needs records that arrived strictly later than others, it appends them in ticks ({@link
 * #appendInTicks}), moving the caller's clock and waiting for the wall clock. They never assert exact byte counts:
 * a trim or drop may free its bytes later.
 */
public abstract class ShardLogStoreContract {

    protected static final ShardId SHARD_0 = new ShardId(0);
    protected static final ShardId SHARD_1 = new ShardId(1);

    /** A fresh, empty store with small segments and room for some megabytes. */
    protected abstract ShardLogStore newStore();

    // ---- append and read ----------------------------------------------------------------------------------

    @Test
    void anEmptyLogStartsAndEndsAtZero() {
        ShardLog log = newStore().create(1, SHARD_0);
        assertThat(log.startPosition()).isZero();
        assertThat(log.endPosition()).isZero();
        assertThat(log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE)).isEmpty();
        assertThat(log.positionAtOrAfter(Long.MIN_VALUE)).isZero();
    }

    @Test
    void emptyDataAndMultiByteKeysRoundTrip() {
        ShardLog log = newStore().create(1, SHARD_0);
        String key = "\u00e9t\u00e9-\u65e5\u672c-\ud83d\ude00";
        log.append(key, new byte[0], 5);
        log.append("k".repeat(256), new byte[] {0, -1, 127, -128}, 5);
        List<StoredRecord> records = log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(records.get(0).partitionKey()).isEqualTo(key);
        assertThat(records.get(0).data().toByteArray()).isEmpty();
        assertThat(records.get(1).partitionKey()).isEqualTo("k".repeat(256));
        assertThat(records.get(1).data().toByteArray()).containsExactly(0, -1, 127, -128);
    }

    @Test
    void theEncryptionFlagOfEachRecordRoundTripsWithLongKeys() {
        ShardLog log = newStore().create(1, SHARD_0);
        String longKey = "\ud83d\ude00".repeat(256);
        log.append(longKey, bytes("secret"), 5, true);
        log.append("plain", bytes("open"), 5, false);
        log.append("k", bytes("default"), 5);
        List<StoredRecord> records = log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(records).extracting(StoredRecord::encrypted).containsExactly(true, false, false);
        assertThat(records.get(0).partitionKey()).isEqualTo(longKey);
        assertThat(records.get(0).data().toByteArray()).isEqualTo(bytes("secret"));
        assertThat(records.get(1).partitionKey()).isEqualTo("plain");
    }

    @Test
    void theLogCopiesAppendedData() {
        ShardLog log = newStore().create(1, SHARD_0);
        byte[] data = bytes("original");
        log.append("k", data, 1);
        data[0] = 'X';
        assertThat(log.read(0, 1, Long.MAX_VALUE, Long.MIN_VALUE).get(0).data().toByteArray())
                .isEqualTo(bytes("original"));
    }

    @Test
    void recordsReadAreReadOnlyAndKeepTheirBytesWhileTheLogGrowsTrimsAndDrops() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        log.append("first", filled(100, 0), 1);
        StoredRecord first = log.read(0, 1, Long.MAX_VALUE, Long.MIN_VALUE).get(0);
        appendMany(log, 500, 100, 2); // grows and seals segments behind the reader
        StoredRecord middle = log.read(250, 1, Long.MAX_VALUE, Long.MIN_VALUE).get(0);
        log.trimBefore(Long.MAX_VALUE);
        store.drop(1);

        assertThat(first.data().toByteArray()).isEqualTo(filled(100, 0));
        assertThat(first.sizeBytes()).isEqualTo(105);
        assertThat(middle.data().toByteArray()).isEqualTo(new byte[100]);
        assertThat(first.data().buffer().isReadOnly()).isTrue();
    }

    @Test
    void readsFromBelowTheStartClampToTheStart() {
        ShardLog log = newStore().create(1, SHARD_0);
        appendMany(log, 10, 20, 100);
        assertThat(log.read(-5, 3, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::position)
                .containsExactly(0L, 1L, 2L);
        assertThat(log.read(Long.MIN_VALUE, 1, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::position)
                .containsExactly(0L);
    }

    @Test
    void readStopsAtTheLimit() {
        ShardLog log = newStore().create(1, SHARD_0);
        appendMany(log, 200, 10, 100);
        assertThat(log.read(0, 1, Long.MAX_VALUE, Long.MIN_VALUE)).hasSize(1);
        assertThat(log.read(5, 70, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::position)
                .containsExactlyElementsOf(range(5, 75));
        assertThat(log.read(190, 70, Long.MAX_VALUE, Long.MIN_VALUE)).hasSize(10);
    }

    @Test
    void readStopsBeforeTheRecordThatWouldPassMaxBytesButAlwaysReturnsTheFirst() {
        ShardLog log = newStore().create(1, SHARD_0);
        // each record: 1-byte key + 99 bytes data = 100 bytes
        for (int i = 0; i < 10; i++) {
            log.append("k", new byte[99], i);
        }
        assertThat(log.read(0, 100, 100, Long.MIN_VALUE)).hasSize(1);
        assertThat(log.read(0, 100, 299, Long.MIN_VALUE)).hasSize(2);
        assertThat(log.read(0, 100, 300, Long.MIN_VALUE)).hasSize(3);
        assertThat(log.read(0, 100, 0, Long.MIN_VALUE)).hasSize(1);
        assertThat(log.read(0, 100, 1, Long.MIN_VALUE)).hasSize(1);
        assertThat(log.read(4, 100, 1_000, Long.MIN_VALUE))
                .extracting(StoredRecord::position)
                .containsExactlyElementsOf(range(4, 10));

        ShardLog big = newStore().create(1, SHARD_1);
        big.append("k", new byte[3_000], 1);
        big.append("k", new byte[10], 1);
        assertThat(big.read(0, 10, 100, Long.MIN_VALUE))
                .hasSize(1)
                .first()
                .satisfies(r -> assertThat(r.data().length()).isEqualTo(3_000));
        assertThat(big.read(0, 10, 3_001 + 11, Long.MIN_VALUE)).hasSize(2);
    }

    @Test
    void idsListEveryLogHeldWhenShardsAreCreatedInIndexOrderAndReopenedStoresListTheSame() {
        ShardLogStore store = newStore();
        long big = Long.MAX_VALUE - 7; // incarnations take all 63 bits: 19 digits
        store.create(big, SHARD_0);
        store.create(big, SHARD_1);
        store.create(1, SHARD_0);
        store.create(1, SHARD_1);
        store.create(2, SHARD_0);
        store.create(3, SHARD_0);
        store.create(3, SHARD_1);
        store.drop(2);
        store.drop(3, SHARD_0);
        store.drop(3, SHARD_1);
        store.drop(big, SHARD_0);
        java.util.Map<Long, java.util.Set<ShardId>> expected =
                java.util.Map.of(1L, java.util.Set.of(SHARD_0, SHARD_1), big, java.util.Set.of(SHARD_1));
        assertThat(store.ids()).isEqualTo(expected);
        assertThat(reopen(store).ids()).isEqualTo(expected);
    }

    @Test
    void appendsGetConsecutivePositionsAndReadBackWithTheArrivalTimesTheyWereGiven() {
        ShardLog log = newStore().create(1, SHARD_0);
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            AppendResult result = log.append("key-" + i, bytes("data-" + i), 1_000 + i);
            assertThat(result.position()).isEqualTo(i);
            if (i > 0) {
                assertThat(result.arrivalMillis()).isGreaterThanOrEqualTo(arrivals.get(i - 1));
            }
            arrivals.add(result.arrivalMillis());
            assertThat(log.endPosition()).isEqualTo(i + 1);
        }
        List<StoredRecord> records = log.read(0, 10_000, Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(records).hasSize(300);
        for (int i = 0; i < 300; i++) {
            StoredRecord record = records.get(i);
            assertThat(record.position()).isEqualTo(i);
            assertThat(record.partitionKey()).isEqualTo("key-" + i);
            assertThat(record.data().toByteArray()).isEqualTo(bytes("data-" + i));
            assertThat(record.arrivalMillis()).isEqualTo(arrivals.get(i));
        }
        assertThat(log.read(250, 10_000, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::position)
                .containsExactlyElementsOf(range(250, 300));
        assertThat(log.read(300, 10, Long.MAX_VALUE, Long.MIN_VALUE)).isEmpty();
        assertThat(log.read(10_000, 10, Long.MAX_VALUE, Long.MIN_VALUE)).isEmpty();
    }

    @Test
    void readSkipsRecordsThatArrivedBeforeMinArrivalAsStamped() {
        ShardLog log = newStore().create(1, SHARD_0);
        List<Long> arrivals = appendInTicks(log, 4, 50, 1_000);
        long second = arrivals.get(50);
        long last = arrivals.get(199);
        long fromSecond = firstArrivalAtOrAfter(arrivals, second);
        assertThat(fromSecond).isEqualTo(50);
        assertThat(log.read(0, 3, Long.MAX_VALUE, second))
                .extracting(StoredRecord::position)
                .containsExactlyElementsOf(range(fromSecond, fromSecond + 3));
        assertThat(log.read(150, 3, Long.MAX_VALUE, second))
                .extracting(StoredRecord::position)
                .containsExactly(150L, 151L, 152L);
        assertThat(log.read(0, 1_000, Long.MAX_VALUE, last + 1)).isEmpty();
        assertThat(log.read(0, 1_000, Long.MAX_VALUE, last))
                .extracting(StoredRecord::position)
                .containsExactlyElementsOf(range(firstArrivalAtOrAfter(arrivals, last), 200));
    }

    @Test
    void logsAreSeparatePerShardAndIncarnation() {
        ShardLogStore store = newStore();
        store.create(1, SHARD_0).append("a", bytes("a"), 1);
        store.create(1, SHARD_1).append("b", bytes("b"), 1);
        store.create(2, SHARD_0).append("c", bytes("c"), 1);
        assertThat(store.create(1, SHARD_0).read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::partitionKey)
                .containsExactly("a");
        assertThat(store.create(1, SHARD_1).read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::partitionKey)
                .containsExactly("b");
        assertThat(store.create(2, SHARD_0).read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::partitionKey)
                .containsExactly("c");
        assertThat(store.find(1, SHARD_0)).isPresent();
        assertThat(store.find(3, SHARD_0)).isEmpty();
        assertThat(store.find(1, new ShardId(2))).isEmpty();
    }

    // ---- time lookups -------------------------------------------------------------------------------------

    @Test
    void positionAtOrAfterFindsTheFirstRecordAtOrAfterEachArrivalTimeStamped() {
        ShardLog log = newStore().create(1, SHARD_0);
        List<Long> arrivals = new ArrayList<>();
        long clock = 10;
        for (int size : new int[] {3, 2, 1}) {
            awaitWallClockPast(arrivals.isEmpty() ? Long.MIN_VALUE : arrivals.get(arrivals.size() - 1));
            for (int i = 0; i < size; i++) {
                arrivals.add(log.append("k", bytes("x"), clock).arrivalMillis());
            }
            clock += 10;
        }
        assertThat(arrivals.get(3)).isGreaterThan(arrivals.get(2));
        assertThat(arrivals.get(5)).isGreaterThan(arrivals.get(4));
        assertThat(log.positionAtOrAfter(Long.MIN_VALUE)).isZero();
        assertThat(log.positionAtOrAfter(arrivals.get(0) - 1)).isZero();
        for (long arrival : arrivals) {
            assertThat(log.positionAtOrAfter(arrival)).isEqualTo(firstArrivalAtOrAfter(arrivals, arrival));
            assertThat(log.positionAtOrAfter(arrival + 1)).isEqualTo(firstArrivalAtOrAfter(arrivals, arrival + 1));
        }
        assertThat(log.positionAtOrAfter(arrivals.get(3))).isEqualTo(3);
        assertThat(log.positionAtOrAfter(arrivals.get(5))).isEqualTo(5);
        assertThat(log.positionAtOrAfter(arrivals.get(5) + 1)).isEqualTo(6);
        assertThat(log.positionAtOrAfter(Long.MAX_VALUE)).isEqualTo(6);
    }

    @Test
    void arrivalTimesNeverDecreaseWhateverTheCallersClockSays() {
        ShardLog log = newStore().create(1, SHARD_0);
        List<Long> arrivals = new ArrayList<>();
        for (long clock : new long[] {100, 50, 99, 150, 120}) {
            arrivals.add(log.append("k" + clock, bytes("x"), clock).arrivalMillis());
        }
        assertThat(arrivals).isSorted();
        assertThat(log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(StoredRecord::arrivalMillis)
                .containsExactlyElementsOf(arrivals);
        for (int i = 0; i < arrivals.size(); i++) {
            assertThat(log.positionAtOrAfter(arrivals.get(i)))
                    .isEqualTo(firstArrivalAtOrAfter(arrivals, arrivals.get(i)));
        }
    }

    @Test
    void positionAtOrAfterMatchesALinearScanAcrossManySegments() {
        ShardLog log = newStore().create(1, SHARD_0);
        Random random = new Random(17);
        List<Long> arrivals = new ArrayList<>();
        long now = 1_000;
        for (int i = 0; i < 2_000; i++) {
            now += random.nextInt(10) < 7 ? 0 : random.nextInt(5);
            arrivals.add(log.append("k" + i, new byte[random.nextInt(200)], now).arrivalMillis());
        }
        for (long t = arrivals.get(0) - 10; t <= arrivals.get(arrivals.size() - 1) + 2; t++) {
            long expected = arrivals.size();
            for (int i = 0; i < arrivals.size(); i++) {
                if (arrivals.get(i) >= t) {
                    expected = i;
                    break;
                }
            }
            assertThat(log.positionAtOrAfter(t)).as("t=%d", t).isEqualTo(expected);
        }
    }

    // ---- trimming and dropping ----------------------------------------------------------------------------

    @Test
    void trimBeforeMovesTheStartPastRecordsThatArrivedEarlierAndKeepsNewerOnes() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        List<Long> arrivals = appendInTicks(log, 2, 500, 0);
        long cutoff = arrivals.get(500);
        assertThat(log.trimBefore(cutoff)).isNotNegative();
        long start = log.startPosition();
        assertThat(start).isPositive().isLessThanOrEqualTo(500);
        assertThat(log.endPosition()).isEqualTo(1_000);
        List<StoredRecord> rest = log.read(0, 10_000, Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(rest.get(0).position()).isEqualTo(start);
        assertThat(rest).extracting(StoredRecord::position).containsExactlyElementsOf(range(start, 1_000));
        assertThat(log.positionAtOrAfter(Long.MIN_VALUE)).isEqualTo(start);

        assertThat(log.trimBefore(arrivals.get((int) start)))
                .as("nothing more to free")
                .isZero();
        assertThat(log.startPosition()).isEqualTo(start);

        // Appends continue at the same positions after a trim.
        assertThat(log.append("k", bytes("x"), 2_000).position()).isEqualTo(1_000);
    }

    @Test
    void trimmingEverythingLeavesAnEmptyLogThatContinuesItsPositionsWhateverItFrees() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        appendMany(log, 500, 50, 0);
        assertThat(log.trimBefore(Long.MAX_VALUE)).isNotNegative();
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
    void dropRemovesEveryLogOfTheIncarnationAndFailsLaterAppends() {
        ShardLogStore store = newStore();
        ShardLog dropped = store.create(7, SHARD_0);
        appendMany(dropped, 30, 100, 0);
        appendMany(store.create(7, SHARD_1), 30, 100, 0);
        appendMany(store.create(8, SHARD_0), 10, 100, 0);
        store.drop(7);
        assertThat(store.find(7, SHARD_0)).isEmpty();
        assertThat(store.find(7, SHARD_1)).isEmpty();
        assertThat(store.ids()).doesNotContainKey(7L).containsKey(8L);
        assertThat(store.find(8, SHARD_0))
                .get()
                .satisfies(kept -> assertThat(kept.read(0, 100, Long.MAX_VALUE, Long.MIN_VALUE))
                        .hasSize(10));
        store.drop(7);
        store.drop(42);
        assertThatThrownBy(() -> dropped.append("k", bytes("late"), 1)).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> dropped.appendAll(List.of(new ShardLog.Append("k", bytes("late"), false)), 1))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void droppingOneShardRemovesJustThatLog() {
        ShardLogStore store = newStore();
        ShardLog dropped = store.create(7, SHARD_0);
        appendMany(dropped, 30, 100, 0);
        ShardLog kept = store.create(7, SHARD_1);
        appendMany(kept, 20, 100, 0);
        ShardLog otherIncarnation = store.create(8, SHARD_0);
        appendMany(otherIncarnation, 10, 100, 0);

        store.drop(7, SHARD_0);
        assertThat(store.find(7, SHARD_0)).isEmpty();
        assertThat(store.find(7, SHARD_1)).isPresent();
        assertThat(store.find(8, SHARD_0)).isPresent();
        assertThat(kept.read(0, 1_000, Long.MAX_VALUE, Long.MIN_VALUE)).hasSize(20);
        assertThat(kept.append("k", bytes("more"), 1).position()).isEqualTo(20);
        assertThat(otherIncarnation.endPosition()).isEqualTo(10);
        assertThatThrownBy(() -> dropped.append("k", bytes("late"), 1)).isInstanceOf(ResourceNotFoundException.class);

        store.drop(7, SHARD_0);
        store.drop(7, new ShardId(42));
        store.drop(99, SHARD_0);
        assertThat(store.ids())
                .as("dropping again or dropping unknown logs changes nothing")
                .isEqualTo(java.util.Map.of(7L, java.util.Set.of(SHARD_1), 8L, java.util.Set.of(SHARD_0)));

        store.drop(7);
        assertThat(store.find(7, SHARD_1)).isEmpty();
        assertThat(otherIncarnation.endPosition()).isEqualTo(10);
    }

    @Test
    void aSealedShardCanBeDropped() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(3, SHARD_0);
        appendMany(log, 100, 100, 0);
        log.seal();
        store.drop(3, SHARD_0);
        assertThat(store.find(3, SHARD_0)).isEmpty();
        assertThat(log.isSealed()).isFalse();
        assertThatThrownBy(() -> log.append("k", bytes("late"), 1)).isInstanceOf(ResourceNotFoundException.class);
    }

    // ---- sealing and dropping one shard -------------------------------------------------------------------

    @Test
    void sealReturnsTheEndPositionAndIsIdempotent() {
        ShardLog log = newStore().create(1, SHARD_0);
        appendMany(log, 100, 20, 7);
        assertThat(log.seal()).isEqualTo(100);
        assertThat(log.seal()).isEqualTo(100);
        assertThat(log.endPosition()).isEqualTo(100);

        ShardLog empty = newStore().create(1, SHARD_1);
        assertThat(empty.seal()).isZero();
        assertThat(empty.seal()).isZero();
    }

    @Test
    void appendsAfterSealFailWhileReadsKeepWorking() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            arrivals.add(log.append("key-" + i, new byte[20], 7).arrivalMillis());
        }
        long end = log.seal();
        assertThatThrownBy(() -> log.append("k", bytes("late"), 8)).isInstanceOf(ShardLogSealedException.class);
        assertThatThrownBy(() -> log.append("k", bytes("late"), 8, true)).isInstanceOf(ShardLogSealedException.class);
        assertThat(log.endPosition()).isEqualTo(end).isEqualTo(70);
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
        assertThat(log.positionAtOrAfter(arrivals.get(0))).isZero();
        assertThat(log.positionAtOrAfter(arrivals.get(69) + 1)).isEqualTo(70);
        assertThat(log.startPosition()).isZero();
        assertThat(log.trimBefore(Long.MAX_VALUE)).isNotNegative();
        assertThat(log.startPosition()).as("a sealed log can still be trimmed").isEqualTo(70);
        assertThat(log.endPosition()).isEqualTo(70);

        ShardLog other = store.create(1, SHARD_1);
        assertThat(other.append("k", bytes("open"), 9).position())
                .as("sealing is per log")
                .isZero();
    }

    @Test
    void appendsRacingWithSealEitherLandBelowTheEndOrFail() throws InterruptedException {
        ShardLog log = newStore().create(1, SHARD_0);
        int threads = 4;
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong highest = new AtomicLong(-1);
        CountDownLatch started = new CountDownLatch(threads);
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread writer = new Thread(() -> {
                started.countDown();
                try {
                    for (int i = 0; i < 1_000_000; i++) {
                        long position = log.append("k", new byte[8], 1).position();
                        acknowledged.incrementAndGet();
                        highest.accumulateAndGet(position, Math::max);
                    }
                } catch (ShardLogSealedException expected) {
                    // the end of this writer
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            writers.add(writer);
            writer.start();
        }
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (log.endPosition() < 1_000 && failures.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long end = log.seal();
        for (Thread writer : writers) {
            writer.join(60_000);
        }
        assertThat(writers).noneMatch(Thread::isAlive);
        assertThat(failures).isEmpty();
        assertThat(acknowledged.get())
                .as("every acknowledged append is below the end")
                .isEqualTo(end);
        assertThat(highest.get()).isEqualTo(end - 1);
        assertThat(log.endPosition()).isEqualTo(end);
        assertThat(log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE))
                .hasSize((int) end);
    }

    @Test
    void unsealTakesAppendsAgainContinuingThePositions() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        appendMany(log, 30, 10, 0);
        assertThat(log.isSealed()).isFalse();
        log.seal();
        assertThat(log.isSealed()).isTrue();
        assertThat(store.find(1, SHARD_0).orElseThrow().isSealed())
                .as("the seal is the log's, whoever finds it")
                .isTrue();
        log.unseal();
        log.unseal();
        assertThat(log.isSealed()).isFalse();
        assertThat(log.append("k", bytes("after"), 50).position()).isEqualTo(30);
        assertThat(log.appendAll(List.of(new ShardLog.Append("k", bytes("batch"), false)), 50))
                .extracting(AppendResult::position)
                .containsExactly(31L);
        assertThat(log.seal()).as("and can be sealed again").isEqualTo(32);
    }

    @Test
    void aSealSurvivesAReopenAndSoDoesAnUnseal() {
        ShardLogStore store = newStore();
        store.create(1, SHARD_0).seal();
        ShardLog unsealed = store.create(1, SHARD_1);
        unsealed.seal();
        unsealed.unseal();
        store.flush();
        ShardLogStore reopened = reopen(store);
        assertThat(reopened.find(1, SHARD_0).orElseThrow().isSealed()).isTrue();
        assertThat(reopened.find(1, SHARD_1).orElseThrow().isSealed()).isFalse();
    }

    @Test
    void aDroppedLogStaysDroppedWhenUnsealed() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        log.seal();
        store.drop(1);
        log.unseal();
        assertThat(log.isSealed()).isFalse();
        assertThatThrownBy(() -> log.append("k", bytes("late"), 1)).isInstanceOf(ResourceNotFoundException.class);
    }

    // ---- batch append -----------------------------------------------------------------------------------

    @Test
    void appendAllGivesConsecutivePositionsInRequestOrderWithArrivalsThatNeverDecrease() {
        ShardLog log = newStore().create(1, SHARD_0);
        long first = log.append("first", bytes("0"), 10).arrivalMillis();
        List<AppendResult> results = log.appendAll(
                List.of(
                        new ShardLog.Append("a", bytes("1"), false),
                        new ShardLog.Append("\u00e9t\u00e9", bytes("2"), true),
                        new ShardLog.Append("c", new byte[0], false)),
                20);
        assertThat(results).extracting(AppendResult::position).containsExactly(1L, 2L, 3L);
        assertThat(results)
                .extracting(AppendResult::arrivalMillis)
                .isSorted()
                .allSatisfy(arrival -> assertThat(arrival).isGreaterThanOrEqualTo(first));
        List<StoredRecord> records = log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(records).extracting(StoredRecord::partitionKey).containsExactly("first", "a", "\u00e9t\u00e9", "c");
        assertThat(records).extracting(StoredRecord::encrypted).containsExactly(false, false, true, false);
        assertThat(records.subList(1, 4))
                .extracting(StoredRecord::arrivalMillis)
                .containsExactlyElementsOf(
                        results.stream().map(AppendResult::arrivalMillis).toList());
        assertThat(records.get(2).data().toByteArray()).isEqualTo(bytes("2"));
        assertThat(log.endPosition()).isEqualTo(4);
    }

    @Test
    void appendAllAcrossSegmentBoundariesReadsBackWhole() {
        ShardLog log = newStore().create(1, SHARD_0);
        List<ShardLog.Append> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(new ShardLog.Append("k" + i, filled(100, i), false));
        }
        assertThat(log.appendAll(batch, 5)).hasSize(300);
        List<StoredRecord> records = log.read(0, 1_000, Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(records).hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(records.get(i).data().toByteArray()).isEqualTo(filled(100, i));
        }
    }

    @Test
    void appendAllOnASealedLogFailsAndAppendsNothing() {
        ShardLog log = newStore().create(1, SHARD_0);
        log.append("k", bytes("a"), 1);
        log.seal();
        assertThatThrownBy(() -> log.appendAll(List.of(new ShardLog.Append("k", bytes("b"), false)), 2))
                .isInstanceOf(ShardLogSealedException.class);
        assertThat(log.endPosition()).isEqualTo(1);
        assertThatThrownBy(() -> log.appendAll(List.of(), 2)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- waiting for new records --------------------------------------------------------------------------

    @Test
    void awaitEndCompletesAtOnceWhenTheRecordIsThere() {
        ShardLog log = newStore().create(1, SHARD_0);
        log.append("k", bytes("a"), 1);
        assertThat(log.awaitEnd(0)).isCompletedWithValue(1L);
    }

    @Test
    void awaitEndCompletesWithTheAppendThatReachesThePosition() {
        ShardLog log = newStore().create(1, SHARD_0);
        CompletableFuture<Long> next = log.awaitEnd(0);
        CompletableFuture<Long> third = log.awaitEnd(2);
        assertThat(next).isNotDone();
        log.append("k", bytes("a"), 1);
        assertThat(next).isCompletedWithValue(1L);
        assertThat(log.read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE)).hasSize(1);
        log.append("k", bytes("b"), 2);
        assertThat(third).isNotDone();
        log.appendAll(
                List.of(new ShardLog.Append("k", bytes("c"), false), new ShardLog.Append("k", bytes("d"), false)), 3);
        assertThat(third).isCompletedWithValue(4L);
    }

    @Test
    void awaitEndEndsWhenTheLogIsSealedOrDropped() {
        ShardLogStore store = newStore();
        ShardLog sealed = store.create(1, SHARD_0);
        CompletableFuture<Long> beforeSeal = sealed.awaitEnd(0);
        sealed.seal();
        assertThat(beforeSeal).isCompletedWithValue(0L);
        assertThat(sealed.awaitEnd(5)).isCompletedWithValue(0L);
        ShardLog dropped = store.create(2, SHARD_0);
        CompletableFuture<Long> beforeDrop = dropped.awaitEnd(0);
        store.drop(2);
        assertThat(beforeDrop).isDone();
    }

    @Test
    void awaitEndWakesWaitersOfConcurrentAppends() throws Exception {
        ShardLog log = newStore().create(1, SHARD_0);
        List<CompletableFuture<Long>> waits = new ArrayList<>();
        for (int position = 0; position < 200; position++) {
            waits.add(log.awaitEnd(position));
        }
        Thread[] writers = new Thread[4];
        for (int w = 0; w < writers.length; w++) {
            writers[w] = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    log.append("k", bytes("x"), i);
                }
            });
            writers[w].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        for (int position = 0; position < 200; position++) {
            assertThat(waits.get(position).get()).isGreaterThan(position);
        }
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------

    /**
     * The store as it is after a restart on the same storage: a durable adapter flushes, closes {@code store}
     * and opens a new one on its files; the default, for a store that keeps nothing across restarts, is the
     * same store. The tests below then hold for every adapter.
     */
    protected ShardLogStore reopen(ShardLogStore store) {
        return store;
    }

    @Test
    void flushedRecordsPositionsAndArrivalsSurviveAReopen() {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        appendMany(log, 150, 50, 0);
        long last = log.appendAll(List.of(new ShardLog.Append("batch", bytes("b"), true)), 500)
                .get(0)
                .arrivalMillis();
        List<StoredRecord> before = log.read(0, 1_000, Long.MAX_VALUE, Long.MIN_VALUE);
        store.flush();
        ShardLogStore reopened = reopen(store);
        ShardLog again = reopened.find(1, SHARD_0).orElseThrow();
        assertThat(again.endPosition()).isEqualTo(151);
        assertSameRecords(again.read(0, 1_000, Long.MAX_VALUE, Long.MIN_VALUE), before, "after reopen");
        assertThat(again.read(150, 1, Long.MAX_VALUE, Long.MIN_VALUE).get(0).encrypted())
                .isTrue();
        AppendResult next = again.append("k", bytes("next"), 1);
        assertThat(next.position()).isEqualTo(151);
        assertThat(next.arrivalMillis())
                .as("arrival times still never decrease")
                .isGreaterThanOrEqualTo(last);
    }

    @Test
    void closeIsIdempotent() {
        ShardLogStore store = newStore();
        store.create(1, SHARD_0).append("k", bytes("a"), 1);
        store.flush();
        store.flush();
        store.close();
        store.close();
    }

    // ---- oracle -------------------------------------------------------------------------------------------

    @Test
    void randomAppendsAndReadsMatchAPlainListOfWhatTheAppendsReturned() {
        String alphabet = "abcXYZ0189-_\u00e9\u00fc\u00df\u65e5\u672c\ud83d\ude00";
        int[] codePoints = alphabet.codePoints().toArray();
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            ShardLog log = newStore().create(seed, SHARD_0);
            List<StoredRecord> oracle = new ArrayList<>();
            long clock = 1_000_000;
            long lastArrival = Long.MIN_VALUE;
            for (int step = 0; step < 1_000; step++) {
                if (random.nextInt(3) > 0) {
                    StringBuilder key = new StringBuilder();
                    int keyLength = 1 + random.nextInt(random.nextInt(10) == 0 ? 256 : 12);
                    for (int i = 0; i < keyLength; i++) {
                        key.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
                    }
                    byte[] data = new byte[random.nextInt(10) == 0 ? random.nextInt(3_001) : random.nextInt(300)];
                    random.nextBytes(data);
                    boolean encrypted = random.nextInt(4) == 0;
                    clock += random.nextInt(10) == 0 ? -random.nextInt(50) : random.nextInt(20);
                    AppendResult result = log.append(key.toString(), data, clock, encrypted);
                    assertThat(result.position()).isEqualTo(oracle.size());
                    assertThat(result.arrivalMillis()).isGreaterThanOrEqualTo(lastArrival);
                    lastArrival = result.arrivalMillis();
                    oracle.add(new StoredRecord(
                            oracle.size(), lastArrival, key.toString(), RecordData.copyOf(data), encrypted));
                } else {
                    long from = random.nextInt(oracle.size() + 10) - 5;
                    int limit = 1 + random.nextInt(random.nextBoolean() ? 5 : 500);
                    long maxBytes = random.nextInt(4) == 0 ? Long.MAX_VALUE : random.nextInt(20_000);
                    long minArrival = random.nextBoolean() || oracle.isEmpty()
                            ? Long.MIN_VALUE
                            : oracle.get(random.nextInt(oracle.size())).arrivalMillis() + random.nextInt(3) - 1;
                    List<StoredRecord> actual = log.read(from, limit, maxBytes, minArrival);
                    List<StoredRecord> expected = expectedRead(oracle, from, limit, maxBytes, minArrival);
                    String context = "seed=" + seed + " step=" + step + " from=" + from + " limit=" + limit
                            + " maxBytes=" + maxBytes + " minArrival=" + minArrival;
                    assertSameRecords(actual, expected, context);
                    assertThat(actual)
                            .as(context)
                            .extracting(StoredRecord::encrypted)
                            .containsExactlyElementsOf(expected.stream()
                                    .map(StoredRecord::encrypted)
                                    .toList());
                    if (!oracle.isEmpty()) {
                        long t = oracle.get(random.nextInt(oracle.size())).arrivalMillis() + random.nextInt(3) - 1;
                        assertThat(log.positionAtOrAfter(t)).isEqualTo(firstAtOrAfter(oracle, t));
                    }
                }
            }
            assertThat(log.endPosition()).isEqualTo(oracle.size());
            assertSameRecords(log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE), oracle, "full read");
        }
    }

    protected static List<StoredRecord> expectedRead(
            List<StoredRecord> oracle, long from, int limit, long maxBytes, long minArrival) {
        long start = Math.max(Math.max(from, 0), firstAtOrAfter(oracle, minArrival));
        List<StoredRecord> out = new ArrayList<>();
        long bytes = 0;
        for (long p = start; p < oracle.size() && out.size() < limit; p++) {
            StoredRecord record = oracle.get((int) p);
            long size = record.partitionKey().getBytes(StandardCharsets.UTF_8).length
                    + record.data().length();
            if (!out.isEmpty() && bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            out.add(record);
        }
        return out;
    }

    protected static long firstAtOrAfter(List<StoredRecord> oracle, long arrival) {
        for (StoredRecord record : oracle) {
            if (record.arrivalMillis() >= arrival) {
                return record.position();
            }
        }
        return oracle.size();
    }

    protected static void assertSameRecords(List<StoredRecord> actual, List<StoredRecord> expected, String context) {
        assertThat(actual).as(context).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            StoredRecord a = actual.get(i);
            StoredRecord e = expected.get(i);
            assertThat(a.position()).as(context).isEqualTo(e.position());
            assertThat(a.arrivalMillis()).as(context).isEqualTo(e.arrivalMillis());
            assertThat(a.partitionKey()).as(context).isEqualTo(e.partitionKey());
            assertThat(a.data().equals(e.data()))
                    .as(context + " data at " + e.position())
                    .isTrue();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /**
     * Appends {@code ticks} groups of {@code perTick} 100-byte records, every record of a group arriving strictly
     * after every record of the groups before it: the caller's clock moves {@code 10} ms per group (for stores that
     * stamp it) and the wall clock passes the last arrival before each group (for stores whose broker stamps it).
     *
     * @return the arrival time of each record, by position
     */
    protected static List<Long> appendInTicks(ShardLog log, int ticks, int perTick, long clock) {
        List<Long> arrivals = new ArrayList<>();
        for (int tick = 0; tick < ticks; tick++) {
            awaitWallClockPast(arrivals.isEmpty() ? Long.MIN_VALUE : arrivals.get(arrivals.size() - 1));
            for (int i = 0; i < perTick; i++) {
                arrivals.add(log.append("key-" + arrivals.size(), new byte[100], clock + 10L * tick)
                        .arrivalMillis());
            }
        }
        return arrivals;
    }

    /** Waits (at most 5 s) until the system clock reads later than {@code millis}. */
    protected static void awaitWallClockPast(long millis) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.currentTimeMillis() <= millis) {
            assertThat(System.nanoTime()).as("the clock passes %d", millis).isLessThan(deadline);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The first position whose arrival (by position) is at or after {@code arrival}; the size when none is. */
    protected static long firstArrivalAtOrAfter(List<Long> arrivals, long arrival) {
        for (int i = 0; i < arrivals.size(); i++) {
            if (arrivals.get(i) >= arrival) {
                return i;
            }
        }
        return arrivals.size();
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected static byte[] filled(int size, int seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    protected static void appendMany(ShardLog log, int count, int dataBytes, long arrival) {
        for (int i = 0; i < count; i++) {
            log.append("key-" + i, new byte[dataBytes], arrival);
        }
    }

    protected static List<Long> range(long fromInclusive, long toExclusive) {
        List<Long> out = new ArrayList<>();
        for (long p = fromInclusive; p < toExclusive; p++) {
            out.add(p);
        }
        return out;
    }
}
