package dev.runnel.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.hash.HashKey;
import dev.runnel.core.hash.PartitionKeys;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.record.ShardIteratorType;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.support.RunnelFixture;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Records of one partition key written before, during (from concurrent writers) and after a split or merge,
 * read back as a consumer would: the parent from TRIM_HORIZON to its end, then the child that owns the key.
 * No timing is asserted; writers are joined with a bound.
 */
class ReshardingRecordsTest {

    private static final String STREAM = "s";
    private static final String KEY = "pk";
    private static final String HALF = BigInteger.ONE.shiftLeft(127).toString();
    private static final int SERIAL = 50;
    private static final int WRITERS = 4;
    /** Each writer puts this many records before the reshard may start, and this many into a child after. */
    private static final int PER_SIDE = 100;

    private static final int MAX_PER_WRITER = 2_000_000;
    private static final long JOIN_MILLIS = 60_000;

    private final RunnelFixture f = new RunnelFixture();

    private Stream current() {
        return f.streams.describe(StreamName.of(STREAM));
    }

    private record Written(String payload, PutResult result) {}

    /** Reads a closed shard from TRIM_HORIZON in small pages until its end; returns the records and the last page. */
    private List<RecordView> readToEnd(ShardId shard, List<GetRecordsResult> lastPage) {
        String iterator = f.iterator(STREAM, shard.toString(), ShardIteratorType.TRIM_HORIZON, null, null);
        List<RecordView> out = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            GetRecordsResult page = f.records.getRecords(iterator, 97);
            out.addAll(page.records());
            if (page.nextShardIterator() == null) {
                lastPage.add(page);
                return out;
            }
            assertThat(page.childShards())
                    .as("child shards come only at the shard end")
                    .isEmpty();
            iterator = page.nextShardIterator();
        }
        throw new AssertionError("shard " + shard + " never ended");
    }

    /** Reads an open shard from TRIM_HORIZON until a page comes back empty. */
    private List<RecordView> readOpen(ShardId shard) {
        String iterator = f.iterator(STREAM, shard.toString(), ShardIteratorType.TRIM_HORIZON, null, null);
        List<RecordView> out = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            GetRecordsResult page = f.records.getRecords(iterator, 97);
            assertThat(page.nextShardIterator())
                    .as("an open shard always has a next iterator")
                    .isNotNull();
            assertThat(page.childShards()).isEmpty();
            if (page.records().isEmpty()) {
                return out;
            }
            out.addAll(page.records());
            iterator = page.nextShardIterator();
        }
        throw new AssertionError("shard " + shard + " never caught up");
    }

    /**
     * Puts serial records, starts concurrent writers, reshards once every writer has put {@link #PER_SIDE}
     * records, lets each writer go on until {@link #PER_SIDE} of its records landed in a new shard, then puts
     * serial records again. Returns every acknowledged record in put order per writer.
     */
    private Map<String, List<Written>> writeAround(Consumer<Stream> reshard) throws InterruptedException {
        Stream before = current();
        Set<ShardId> oldShards = new HashSet<>();
        before.shards().forEach(s -> oldShards.add(s.id()));
        Map<String, List<Written>> byWriter = new HashMap<>();
        List<Written> serialBefore = new ArrayList<>();
        for (int i = 0; i < SERIAL; i++) {
            String payload = "before-" + i;
            serialBefore.add(new Written(payload, f.put(STREAM, KEY, payload)));
        }
        byWriter.put("before", serialBefore);

        CountDownLatch warmedUp = new CountDownLatch(WRITERS);
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        List<List<Written>> written = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            List<Written> mine = new ArrayList<>();
            written.add(mine);
            String writer = "w" + w;
            Thread thread = new Thread(
                    () -> {
                        try {
                            int inNewShards = 0;
                            for (int i = 0; i < MAX_PER_WRITER && inNewShards < PER_SIDE; i++) {
                                String payload = writer + "-" + i;
                                PutResult result = f.put(STREAM, KEY, payload);
                                mine.add(new Written(payload, result));
                                if (i + 1 == PER_SIDE) {
                                    warmedUp.countDown();
                                }
                                if (!oldShards.contains(result.shardId())) {
                                    inNewShards++;
                                }
                            }
                        } catch (Throwable t) {
                            failures.add(t);
                        } finally {
                            warmedUp.countDown();
                        }
                    },
                    "writer-" + w);
            threads.add(thread);
            thread.start();
        }
        assertThat(warmedUp.await(JOIN_MILLIS, TimeUnit.MILLISECONDS))
                .as("writers warmed up")
                .isTrue();
        reshard.accept(before);
        for (Thread thread : threads) {
            thread.join(JOIN_MILLIS);
        }
        assertThat(threads).as("writers finished").noneMatch(Thread::isAlive);
        assertThat(failures).as("writer failures").isEmpty();
        for (int w = 0; w < WRITERS; w++) {
            List<Written> mine = written.get(w);
            assertThat(mine.stream().filter(x -> oldShards.contains(x.result().shardId())))
                    .as("writer %d wrote to the parent", w)
                    .hasSizeGreaterThanOrEqualTo(PER_SIDE);
            assertThat(mine.stream().filter(x -> !oldShards.contains(x.result().shardId())))
                    .as("writer %d wrote to a child", w)
                    .hasSize(PER_SIDE);
            boolean inChild = false;
            for (Written x : mine) {
                boolean child = !oldShards.contains(x.result().shardId());
                assertThat(!inChild || child)
                        .as("writer %d never went back to a parent", w)
                        .isTrue();
                inChild = child;
            }
            byWriter.put("w" + w, mine);
        }

        List<Written> serialAfter = new ArrayList<>();
        for (int i = 0; i < SERIAL; i++) {
            String payload = "after-" + i;
            serialAfter.add(new Written(payload, f.put(STREAM, KEY, payload)));
        }
        byWriter.put("after", serialAfter);
        return byWriter;
    }

    /**
     * Every acknowledged record was read exactly once, with the sequence number it was acknowledged with;
     * serial records come first and last in put order, and each writer's records in its put order.
     */
    private static void assertReadOnceInOrder(List<RecordView> read, Map<String, List<Written>> byWriter) {
        Map<String, PutResult> acknowledged = new HashMap<>();
        byWriter.values().forEach(list -> list.forEach(x -> acknowledged.put(x.payload(), x.result())));
        List<String> payloads = read.stream().map(RunnelFixture::text).toList();
        assertThat(payloads).as("no record read twice").doesNotHaveDuplicates();
        assertThat(payloads)
                .as("every acknowledged record read")
                .containsExactlyInAnyOrderElementsOf(acknowledged.keySet());
        for (RecordView record : read) {
            PutResult put = acknowledged.get(RunnelFixture.text(record));
            assertThat(record.sequenceNumber()).as(RunnelFixture.text(record)).isEqualTo(put.sequenceNumber());
            assertThat(record.partitionKey()).isEqualTo(KEY);
        }
        List<String> expectedBefore =
                byWriter.get("before").stream().map(Written::payload).toList();
        List<String> expectedAfter =
                byWriter.get("after").stream().map(Written::payload).toList();
        assertThat(payloads.subList(0, SERIAL)).containsExactlyElementsOf(expectedBefore);
        assertThat(payloads.subList(payloads.size() - SERIAL, payloads.size()))
                .containsExactlyElementsOf(expectedAfter);
        for (int w = 0; w < WRITERS; w++) {
            String prefix = "w" + w + "-";
            List<String> mine =
                    payloads.stream().filter(p -> p.startsWith(prefix)).toList();
            assertThat(mine)
                    .as("writer %d in put order", w)
                    .containsExactlyElementsOf(
                            byWriter.get("w" + w).stream().map(Written::payload).toList());
        }
    }

    private static BigInteger max(List<RecordView> records) {
        return records.stream()
                .map(r -> r.sequenceNumber().toBigInteger())
                .max(BigInteger::compareTo)
                .orElseThrow();
    }

    private static BigInteger min(List<RecordView> records) {
        return records.stream()
                .map(r -> r.sequenceNumber().toBigInteger())
                .min(BigInteger::compareTo)
                .orElseThrow();
    }

    /** Sequence numbers grow along each shard, children's exceed the parent's, and the parent's end lies between. */
    private void assertSequenceNumbers(
            Stream stream, Shard parent, List<RecordView> parentRecords, Shard child, List<RecordView> childRecords) {
        assertThat(parentRecords).extracting(RecordView::sequenceNumber).isSorted();
        assertThat(childRecords).extracting(RecordView::sequenceNumber).isSorted();
        BigInteger lastParent = max(parentRecords);
        BigInteger firstChild = min(childRecords);
        assertThat(firstChild)
                .as("children's numbers exceed every parent number")
                .isGreaterThan(lastParent);
        SequenceNumber ending = SequenceNumber.endOf(stream, parent).orElseThrow();
        assertThat(ending.toBigInteger())
                .as("the parent's EndingSequenceNumber exceeds its last record")
                .isGreaterThan(lastParent);
        SequenceNumber childStart = SequenceNumber.startOf(stream, child);
        assertThat(childStart.toBigInteger())
                .as("the child starts after the parent's end")
                .isGreaterThan(ending.toBigInteger())
                .isLessThanOrEqualTo(firstChild);
        assertThat(SequenceNumber.endOf(stream, child))
                .as("an open shard has no end")
                .isEmpty();
    }

    @Test
    void recordsOfOneKeyReadInOrderAcrossASplitWithConcurrentWriters() throws InterruptedException {
        f.createActive(STREAM, 1);
        Map<String, List<Written>> byWriter =
                writeAround(before -> f.resharding.split(StreamName.of(STREAM), "shardId-000000000000", HALF));

        Stream stream = current();
        Shard parent = stream.shard(new ShardId(0)).orElseThrow();
        assertThat(parent.isOpen()).isFalse();
        List<GetRecordsResult> end = new ArrayList<>();
        List<RecordView> fromParent = readToEnd(parent.id(), end);
        GetRecordsResult last = end.get(0);
        assertThat(last.nextShardIterator()).isNull();
        assertThat(last.childShards()).extracting(Shard::id).containsExactly(new ShardId(1), new ShardId(2));
        assertThat(last.childShards()).allSatisfy(child -> {
            assertThat(child.parentShardId()).contains(parent.id());
            assertThat(child.adjacentParentShardId()).isEmpty();
        });
        assertThat((long) fromParent.size()).isEqualTo(parent.endPosition());

        HashKey hash = PartitionKeys.hashKey(KEY);
        Shard owner = stream.route(hash);
        Shard other = stream.openShardsByHashKey().stream()
                .filter(s -> !s.equals(owner))
                .findFirst()
                .orElseThrow();
        List<RecordView> fromChild = readOpen(owner.id());
        assertThat(readOpen(other.id()))
                .as("the other child holds none of the key's records")
                .isEmpty();

        List<RecordView> all = new ArrayList<>(fromParent);
        all.addAll(fromChild);
        assertReadOnceInOrder(all, byWriter);
        assertSequenceNumbers(stream, parent, fromParent, owner, fromChild);
    }

    @Test
    void recordsOfOneKeyReadInOrderAcrossAMergeWithConcurrentWriters() throws InterruptedException {
        Stream created = f.createActive(STREAM, 2);
        Shard keyParent = created.route(PartitionKeys.hashKey(KEY));
        Map<String, List<Written>> byWriter = writeAround(
                before -> f.resharding.merge(StreamName.of(STREAM), "shardId-000000000000", "shardId-000000000001"));

        Stream stream = current();
        Shard parent = stream.shard(keyParent.id()).orElseThrow();
        Shard otherParent =
                stream.shard(new ShardId(1 - keyParent.id().index())).orElseThrow();
        Shard child = stream.shard(new ShardId(2)).orElseThrow();
        assertThat(child.isOpen()).isTrue();

        List<GetRecordsResult> end = new ArrayList<>();
        List<RecordView> fromParent = readToEnd(parent.id(), end);
        List<RecordView> fromOtherParent = readToEnd(otherParent.id(), end);
        assertThat(fromOtherParent).isEmpty();
        for (GetRecordsResult last : end) {
            assertThat(last.childShards()).containsExactly(child);
            assertThat(last.childShards().get(0).parentShardId()).contains(new ShardId(0));
            assertThat(last.childShards().get(0).adjacentParentShardId()).contains(new ShardId(1));
        }
        assertThat(stream.route(PartitionKeys.hashKey(KEY))).isEqualTo(child);
        List<RecordView> fromChild = readOpen(child.id());

        List<RecordView> all = new ArrayList<>(fromParent);
        all.addAll(fromChild);
        assertReadOnceInOrder(all, byWriter);
        assertSequenceNumbers(stream, parent, fromParent, child, fromChild);
        SequenceNumber otherEnding = SequenceNumber.endOf(stream, otherParent).orElseThrow();
        assertThat(min(fromChild)).isGreaterThan(otherEnding.toBigInteger());
    }

    @Test
    void aClosedParentsLatestIteratorIsAtTheShardEndAtOnce() {
        f.createActive(STREAM, 1);
        for (int i = 0; i < 5; i++) {
            f.put(STREAM, KEY, "r" + i);
        }
        f.resharding.split(StreamName.of(STREAM), "shardId-000000000000", HALF);
        String latest = f.iterator(STREAM, "shardId-000000000000", ShardIteratorType.LATEST, null, null);
        GetRecordsResult page = f.records.getRecords(latest, null);
        assertThat(page.records()).isEmpty();
        assertThat(page.nextShardIterator()).isNull();
        assertThat(page.millisBehindLatest()).isZero();
        assertThat(page.childShards()).extracting(Shard::id).containsExactly(new ShardId(1), new ShardId(2));

        String lastNumber = f.records
                .getRecords(
                        f.iterator(STREAM, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null, null), null)
                .records()
                .get(4)
                .sequenceNumber()
                .toString();
        GetRecordsResult after = f.records.getRecords(
                f.iterator(STREAM, "shardId-000000000000", ShardIteratorType.AFTER_SEQUENCE_NUMBER, lastNumber, null),
                null);
        assertThat(after.records()).isEmpty();
        assertThat(after.nextShardIterator()).isNull();
        assertThat(after.childShards()).hasSize(2);

        GetRecordsResult at = f.records.getRecords(
                f.iterator(STREAM, "shardId-000000000000", ShardIteratorType.AT_SEQUENCE_NUMBER, lastNumber, null),
                null);
        assertThat(RunnelFixture.texts(at)).containsExactly("r4");
        assertThat(at.nextShardIterator())
                .as("the last record is returned together with the shard end")
                .isNull();
        assertThat(at.childShards()).hasSize(2);
    }

    @Test
    void anEmptyClosedParentEndsAtOnceFromTrimHorizon() {
        f.createActive(STREAM, 2);
        f.resharding.merge(StreamName.of(STREAM), "shardId-000000000000", "shardId-000000000001");
        GetRecordsResult page = f.records.getRecords(
                f.iterator(STREAM, "shardId-000000000001", ShardIteratorType.TRIM_HORIZON, null, null), null);
        assertThat(page.records()).isEmpty();
        assertThat(page.nextShardIterator()).isNull();
        assertThat(page.childShards()).extracting(Shard::id).containsExactly(new ShardId(2));
    }

    @Test
    void anIteratorIssuedBeforeTheSplitReadsTheRestOfTheParentThenEnds() {
        f.createActive(STREAM, 1);
        f.put(STREAM, KEY, "one");
        String iterator = f.iterator(STREAM, 0, ShardIteratorType.TRIM_HORIZON);
        GetRecordsResult first = f.records.getRecords(iterator, null);
        assertThat(RunnelFixture.texts(first)).containsExactly("one");
        assertThat(first.nextShardIterator()).isNotNull();
        f.put(STREAM, KEY, "two");
        f.resharding.split(StreamName.of(STREAM), "shardId-000000000000", HALF);
        f.put(STREAM, KEY, "three");
        GetRecordsResult second = f.records.getRecords(first.nextShardIterator(), null);
        assertThat(RunnelFixture.texts(second)).containsExactly("two");
        assertThat(second.nextShardIterator()).isNull();
        assertThat(second.childShards()).hasSize(2);
        Shard owner = current().route(PartitionKeys.hashKey(KEY));
        assertThat(f.drain(f.iterator(STREAM, owner.id().toString(), ShardIteratorType.TRIM_HORIZON, null, null)))
                .containsExactly("three");
    }
}
