package dev.runnel.records;

import static dev.runnel.core.record.ShardIteratorType.TRIM_HORIZON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.hash.PartitionKeys;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.support.RunnelFixture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many writers and readers on one stream at once. No timing is asserted; threads are joined with a generous
 * bound so that a deadlock fails the test instead of hanging the build.
 */
class ConcurrencyTest {

    private static final int WRITERS = 8;
    private static final int PER_WRITER = 10_000;
    private static final int SHARDS = 4;
    private static final long JOIN_MILLIS = 120_000;

    // Small segments so that segments roll (and get sealed) many times while readers read.
    private final RunnelFixture f =
            RunnelFixture.builder().segments(16 * 1024, 256).build();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stop = new AtomicBoolean();

    private static String key(int writer, int counter) {
        return "w" + writer + "-" + counter;
    }

    /** The payload names its key and repeats it, so a torn or mixed-up record cannot pass for a whole one. */
    private static String payload(String key) {
        int repeat = 1 + Math.floorMod(key.hashCode(), 12);
        return key + "|" + (key + ";").repeat(repeat) + "|end";
    }

    @Test
    void concurrentWritersLoseNothingAndEveryShardReadsBackInSequenceOrder() throws Exception {
        Stream stream = f.createActive("c", SHARDS);
        PutResult[][] results = runWriters();

        Map<String, PutResult> byKey = new HashMap<>();
        for (int w = 0; w < WRITERS; w++) {
            for (int i = 0; i < PER_WRITER; i++) {
                assertThat(results[w][i]).as("writer %d record %d", w, i).isNotNull();
                byKey.put(key(w, i), results[w][i]);
            }
        }
        assertThat(byKey).hasSize(WRITERS * PER_WRITER);

        Set<String> seenKeys = new HashSet<>();
        Set<SequenceNumber> seenNumbers = new HashSet<>();
        long total = 0;
        for (int shard = 0; shard < SHARDS; shard++) {
            String it = f.iterator("c", shard, TRIM_HORIZON);
            SequenceNumber previous = null;
            long expectedPosition = 0;
            for (int page = 0; page < 1_000; page++) {
                GetRecordsResult result = f.records.getRecords(it, 10_000);
                if (result.records().isEmpty()) {
                    break;
                }
                for (RecordView record : result.records()) {
                    String key = record.partitionKey();
                    assertThat(seenKeys.add(key)).as("read %s twice", key).isTrue();
                    assertThat(seenNumbers.add(record.sequenceNumber()))
                            .as("duplicate number")
                            .isTrue();
                    assertThat(new String(record.data().toByteArray(), StandardCharsets.UTF_8))
                            .isEqualTo(payload(key));
                    SequenceNumber number = record.sequenceNumber();
                    assertThat(number.shardIndex()).isEqualTo(shard);
                    assertThat(number.position()).isEqualTo(expectedPosition++);
                    if (previous != null) {
                        assertThat(number).isGreaterThan(previous);
                        assertThat(number.toString().compareTo(previous.toString()))
                                .isPositive();
                    }
                    previous = number;
                    PutResult put = byKey.get(key);
                    assertThat(put.shardId()).as("PutResult shard of %s", key).isEqualTo(new ShardId(shard));
                    assertThat(put.sequenceNumber())
                            .as("PutResult number of %s", key)
                            .isEqualTo(number);
                    assertThat(stream.route(PartitionKeys.hashKey(key)).id()).isEqualTo(new ShardId(shard));
                    total++;
                }
                it = result.nextShardIterator();
            }
            assertThat(expectedPosition)
                    .isEqualTo(f.store
                            .find(stream.incarnation(), new ShardId(shard))
                            .orElseThrow()
                            .endPosition());
        }
        assertThat(total).isEqualTo((long) WRITERS * PER_WRITER);
        assertThat(seenKeys).isEqualTo(byKey.keySet());
    }

    @Test
    void readersTailingWhileWritersWriteNeverSeeAGapOrATornRecord() throws Exception {
        Stream stream = f.createActive("c", SHARDS);
        AtomicBoolean writersDone = new AtomicBoolean();
        AtomicLong[] readCounts = new AtomicLong[SHARDS];
        List<Thread> readers = new ArrayList<>();
        CountDownLatch readersStarted = new CountDownLatch(SHARDS);
        for (int s = 0; s < SHARDS; s++) {
            int shard = s;
            readCounts[s] = new AtomicLong();
            Thread reader = new Thread(
                    () -> {
                        try {
                            String it = f.iterator("c", shard, TRIM_HORIZON);
                            readersStarted.countDown();
                            long expectedPosition = 0;
                            int[] lastCounter = new int[WRITERS];
                            java.util.Arrays.fill(lastCounter, -1);
                            while (!stop.get()) {
                                boolean finalPass = writersDone.get();
                                GetRecordsResult page = f.records.getRecords(it, 1 + (int) (expectedPosition % 700));
                                for (RecordView record : page.records()) {
                                    String key = record.partitionKey();
                                    check(record.sequenceNumber().shardIndex() == shard, "wrong shard for " + key);
                                    check(
                                            record.sequenceNumber().position() == expectedPosition,
                                            "gap on shard " + shard + ": expected " + expectedPosition + ", got "
                                                    + record.sequenceNumber().position());
                                    expectedPosition++;
                                    check(
                                            payload(key)
                                                    .equals(new String(
                                                            record.data().toByteArray(), StandardCharsets.UTF_8)),
                                            "torn record " + key);
                                    int dash = key.indexOf('-');
                                    int writer = Integer.parseInt(key.substring(1, dash));
                                    int counter = Integer.parseInt(key.substring(dash + 1));
                                    check(
                                            counter > lastCounter[writer],
                                            "writer order broken on shard " + shard + " at " + key);
                                    lastCounter[writer] = counter;
                                }
                                readCounts[shard].addAndGet(page.records().size());
                                check(page.nextShardIterator() != null, "open shard without a next iterator");
                                it = page.nextShardIterator();
                                if (page.records().isEmpty() && finalPass) {
                                    break;
                                }
                            }
                        } catch (Throwable t) {
                            failures.add(t);
                            readersStarted.countDown();
                        }
                    },
                    "reader-" + shard);
            readers.add(reader);
            reader.start();
        }
        readersStarted.await();

        PutResult[][] results = runWriters();
        writersDone.set(true);
        joinAll(readers);

        assertThat(failures).isEmpty();
        long total = 0;
        long[] expectedPerShard = new long[SHARDS];
        for (PutResult[] writer : results) {
            for (PutResult result : writer) {
                expectedPerShard[result.shardId().index()]++;
            }
        }
        for (int s = 0; s < SHARDS; s++) {
            long end = f.store
                    .find(stream.incarnation(), new ShardId(s))
                    .orElseThrow()
                    .endPosition();
            assertThat(readCounts[s].get())
                    .as("records read on shard %d", s)
                    .isEqualTo(end)
                    .isEqualTo(expectedPerShard[s]);
            total += readCounts[s].get();
        }
        assertThat(total).isEqualTo((long) WRITERS * PER_WRITER);
    }

    private PutResult[][] runWriters() throws InterruptedException {
        PutResult[][] results = new PutResult[WRITERS][PER_WRITER];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread thread = new Thread(
                    () -> {
                        try {
                            start.await();
                            StreamName name = StreamName.of("c");
                            for (int i = 0; i < PER_WRITER && !stop.get(); i++) {
                                String key = key(writer, i);
                                results[writer][i] = f.records.put(new PutRecordCommand(
                                        name,
                                        new RecordInput(key, payload(key).getBytes(StandardCharsets.UTF_8), null),
                                        null));
                            }
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    },
                    "writer-" + w);
            writers.add(thread);
            thread.start();
        }
        start.countDown();
        joinAll(writers);
        assertThat(failures).isEmpty();
        return results;
    }

    private void joinAll(List<Thread> threads) throws InterruptedException {
        long deadline = System.currentTimeMillis() + JOIN_MILLIS;
        for (Thread thread : threads) {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        List<String> alive =
                threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
        if (!alive.isEmpty()) {
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(5_000);
            }
        }
        assertThat(alive)
                .as("threads still running after %d ms (deadlock?)", JOIN_MILLIS)
                .isEmpty();
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
