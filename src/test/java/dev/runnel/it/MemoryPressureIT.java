package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.it.KinesisWire.Page;
import dev.runnel.it.KinesisWire.Protocol;
import dev.runnel.it.KinesisWire.Read;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runnel in a child JVM with a small heap (384 MiB, the Serial collector bin/runnel picks, throughput limits off)
 * under big writes and big concurrent reads at once: writers of 256 KiB records in megabyte batches until the
 * store is full, and readers of 10 MiB records through AWS JSON, AWS CBOR and REST. Issue 17 saw such loads end in
 * OutOfMemoryError, answers cut mid-body and a server that no longer accepted connections. Here the server must
 * log no OutOfMemoryError, answer every call whole or with a typed refusal, still answer afterwards, and give back
 * every acknowledged record intact. A second start asks for a store budget the heap cannot hold and must be
 * refused with the rule. Timing is bounded by deadlines (under a minute on two cores); nothing is asserted about
 * speed.
 */
class MemoryPressureIT {

    private static final String HEAP = "-Xmx384m";
    private static final Duration LOAD = Duration.ofSeconds(15);
    private static final int WRITERS = 12;
    private static final int READERS = 24;
    private static final int SMALL_RECORD = 256 * 1024;
    private static final int BATCH = 4;
    private static final int LARGE_RECORD = 10 * 1024 * 1024 - 16;
    private static final int LARGE_RECORDS = 3;

    private final Map<String, Long> outcomes = new ConcurrentHashMap<>();
    /** Every acknowledged record: its sequence number, and the CRC-32 and length of its data. */
    private final Map<String, long[]> acknowledged = new ConcurrentHashMap<>();

    @Test
    void bigWritesAndBigConcurrentReadsLeaveTheServerAnsweringWithEveryAcknowledgedRecordIntact() throws Exception {
        try (ChildRunnel runnel = ChildRunnel.start(
                "it-memory-pressure.log",
                List.of(HEAP, "-XX:+UseSerialGC"),
                List.of("--runnel.streams.create-delay=0", "--runnel.limits.enabled=false"))) {
            runnel.awaitReady();
            KinesisWire wire = new KinesisWire(runnel.port);
            wire.createStream("large", 1, 10240);
            wire.createStream("small", 4, 1024);
            for (int i = 0; i < LARGE_RECORDS; i++) {
                byte[] data = payload(new Random(i), LARGE_RECORD);
                List<String> written = wire.putRecords("large", List.of(data), new ArrayList<>());
                assertThat(written).as("large record %d", i).isNotNull().doesNotContainNull();
                acknowledged.put(written.get(0), new long[] {KinesisWire.crc(data), data.length});
            }

            long deadline = System.nanoTime() + LOAD.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                work.add(pool.submit(() -> write(wire, writer, deadline)));
            }
            for (int r = 0; r < READERS; r++) {
                Protocol protocol = Protocol.values()[r % Protocol.values().length];
                work.add(pool.submit(() -> read(wire, protocol, deadline)));
            }
            for (Future<?> task : work) {
                task.get(LOAD.toSeconds() + 120, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
            System.out.println("MemoryPressureIT outcomes: " + outcomes);

            assertThat(runnel.logText()).as("the server's log (%s)", runnel.log).doesNotContain("OutOfMemoryError");
            assertThat(runnel.isAlive()).isTrue();
            assertThat(wire.answers()).as("the server still answers").isTrue();
            assertThat(outcomes).as("no answer cut short, no broken connection").doesNotContainKeys("cut", "io");
            assertThat(outcomes.getOrDefault("large-intact", 0L))
                    .as("large records read")
                    .isPositive();
            assertThat(outcomes).doesNotContainKey("large-corrupt");
            assertThat(outcomes.getOrDefault("small-acked", 0L))
                    .as("small records written")
                    .isPositive();
            assertThat(outcomes.keySet())
                    .as("every refusal is a typed one")
                    .allMatch(k -> !k.startsWith("refused ") || k.matches("refused \\d{3} \\w+"));
            assertEveryAcknowledgedRecordReadsBackIntact(wire);
        }
    }

    @Test
    void aStoreBudgetTheHeapCannotHoldIsRefusedAtStart() throws Exception {
        try (ChildRunnel runnel =
                ChildRunnel.start("it-memory-refused.log", List.of(HEAP), List.of("--runnel.storage.max-bytes=2GB"))) {
            int exit = runnel.awaitExit(Duration.ofSeconds(120));

            assertThat(exit).isNotZero();
            assertThat(runnel.logText())
                    .contains("APPLICATION FAILED TO START")
                    .contains("runnel.storage.max-bytes (2048 MiB)")
                    .contains("more than half of the maximum heap")
                    .containsPattern("lower runnel.storage.max-bytes to at most \\d+ MiB");
        }
    }

    private Void write(KinesisWire wire, int writer, long deadline) throws InterruptedException {
        Random random = new Random(1_000 + writer);
        while (System.nanoTime() < deadline) {
            List<byte[]> batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                batch.add(payload(random, SMALL_RECORD));
            }
            List<String> errors = new ArrayList<>();
            try {
                List<String> written = wire.putRecords("small", batch, errors);
                for (int i = 0; written != null && i < written.size(); i++) {
                    if (written.get(i) != null) {
                        acknowledged.put(
                                written.get(i), new long[] {KinesisWire.crc(batch.get(i)), batch.get(i).length});
                        count("small-acked");
                    }
                }
            } catch (IOException e) {
                count("io");
            }
            errors.forEach(error -> count("refused " + (error.contains(" ") ? error : "200 " + error)));
        }
        return null;
    }

    private Void read(KinesisWire wire, Protocol protocol, long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            try {
                String iterator = wire.iterator(protocol, "large", "shardId-000000000000");
                while (iterator != null && System.nanoTime() < deadline) {
                    Page page = wire.getRecords(protocol, "large", iterator, 1);
                    if (page.cut()) {
                        count("cut");
                        break;
                    }
                    if (page.status() != 200) {
                        count("refused " + page.status() + " " + page.errorType());
                        Thread.sleep(50); // as an SDK backs off
                        continue;
                    }
                    for (Read record : page.records()) {
                        long[] expected = acknowledged.get(record.sequenceNumber());
                        boolean intact =
                                expected != null && expected[0] == record.crc() && expected[1] == record.length();
                        count(intact ? "large-intact" : "large-corrupt");
                    }
                    iterator = page.records().isEmpty() ? null : page.next();
                }
            } catch (IOException e) {
                count("io");
            }
        }
        return null;
    }

    private void assertEveryAcknowledgedRecordReadsBackIntact(KinesisWire wire) throws Exception {
        long found = 0;
        long intact = 0;
        for (String stream : List.of("large", "small")) {
            for (int shard = 0; shard < (stream.equals("large") ? 1 : 4); shard++) {
                String iterator = wire.iterator(Protocol.JSON, stream, String.format("shardId-%012d", shard));
                int empty = 0;
                while (iterator != null && empty < 2) {
                    Page page = wire.getRecords(Protocol.JSON, stream, iterator, 10_000);
                    assertThat(page.status())
                            .as("read-back of %s: %s", stream, page.errorType())
                            .isEqualTo(200);
                    assertThat(page.cut()).isFalse();
                    for (Read record : page.records()) {
                        long[] expected = acknowledged.get(record.sequenceNumber());
                        if (expected != null) {
                            found++;
                            intact += expected[0] == record.crc() && expected[1] == record.length() ? 1 : 0;
                        }
                    }
                    empty = page.records().isEmpty() ? empty + 1 : 0;
                    iterator = page.next();
                }
            }
        }
        assertThat(found).as("acknowledged records read back").isEqualTo(acknowledged.size());
        assertThat(intact).as("acknowledged records intact").isEqualTo(acknowledged.size());
    }

    private void count(String outcome) {
        outcomes.merge(outcome, 1L, Long::sum);
    }

    /** Bytes no compressor or deduplicator could shorten, cheap to make. */
    private static byte[] payload(Random random, int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }
}
