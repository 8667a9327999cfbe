package dev.runnel.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.record.StoredRecord;
import dev.runnel.core.shard.ShardId;
import dev.runnel.storage.ShardLog;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The file store's durability machinery: group commit, rolling by age, index files, byte limits and corruption. */
class FileShardLogDurabilityTest {

    private static final ShardId SHARD = new ShardId(0);
    private static final int SEGMENT_BYTES = 4096;

    @TempDir
    Path temp;

    private final List<FileShardLogStore> opened = new ArrayList<>();
    private final Map<FileShardLogStore, Path> roots = new HashMap<>();
    private final List<ListAppender<ILoggingEvent>> appenders = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(FileShardLogStore::close);
        for (ListAppender<ILoggingEvent> appender : appenders) {
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
        }
    }

    private FileShardLogStore open(Path root, FileLogOptions options) {
        FileShardLogStore store = new FileShardLogStore(root, options);
        opened.add(store);
        roots.put(store, root);
        return store;
    }

    private FileShardLogStore open(Path root) {
        return open(root, FileLogOptions.of(SEGMENT_BYTES, FsyncPolicy.NEVER));
    }

    @Test
    void concurrentAppendsShareForcesAndGetContiguousPositionsInEachCallersOrder() throws Exception {
        FileShardLogStore store = open(temp.resolve("group"), FileLogOptions.of(1 << 20, FsyncPolicy.ALWAYS));
        FileShardLog log = (FileShardLog) store.create(1, SHARD);
        int threads = 8;
        int appends = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                start.await();
                List<Long> positions = new ArrayList<>();
                for (int i = 0; i < appends; i++) {
                    if (i % 10 == 0) {
                        List<ShardLog.Append> batch = List.of(
                                new ShardLog.Append("t" + thread, bytes(thread + ":" + i + "a"), false),
                                new ShardLog.Append("t" + thread, bytes(thread + ":" + i + "b"), false));
                        log.appendAll(batch, i).forEach(r -> positions.add(r.position()));
                    } else {
                        positions.add(log.append("t" + thread, bytes(thread + ":" + i), i)
                                .position());
                    }
                }
                return positions;
            }));
        }
        start.countDown();
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> result : results) {
            List<Long> mine = result.get(60, TimeUnit.SECONDS);
            assertThat(mine).as("one caller's records keep its order").isSorted();
            all.addAll(mine);
        }
        pool.shutdown();
        Collections.sort(all);
        int expected = threads * (appends + appends / 10);
        assertThat(all).hasSize(expected).doesNotHaveDuplicates().startsWith(0L).endsWith((long) expected - 1);
        assertThat(log.forceCount())
                .as("calls that arrived during a force shared the next one")
                .isLessThan((long) threads * appends);

        List<StoredRecord> read = reopen(store).find(1, SHARD).orElseThrow().read(0, expected, Long.MAX_VALUE, 0);
        assertThat(read).extracting(StoredRecord::position).containsExactlyElementsOf(all);
    }

    @Test
    void aSegmentStopsTakingRecordsOnceItsFirstRecordIsOlderThanTheSegmentAge() throws IOException {
        Path root = temp.resolve("age");
        FileShardLogStore store = open(
                root, new FileLogOptions(1 << 20, 100, FsyncPolicy.NEVER, Duration.ofSeconds(1), Long.MAX_VALUE, 0));
        ShardLog log = store.create(1, SHARD);
        for (long t : new long[] {0, 50, 99, 100, 150, 260, 261}) {
            log.append("k", bytes("at " + t), t);
        }
        assertThat(names(root.resolve("1/0"), ".log")).containsExactly(logName(0), logName(3), logName(5));
        assertThat(log.trimBefore(151))
                .as("the segment of 100 and 150 expired whole")
                .isPositive();
        assertThat(log.startPosition()).isEqualTo(5);
    }

    @Test
    void finishedSegmentsGetIndexFilesThatTheNextStartReadsInsteadOfTheirFrames() throws IOException {
        Path root = temp.resolve("index");
        FileShardLogStore store = open(root);
        List<StoredRecord> before = fill(store.create(1, SHARD), 300);
        Path dir = root.resolve("1/0");
        List<String> logs = names(dir, ".log");
        assertThat(logs).hasSizeGreaterThan(3);
        assertThat(names(dir, ".idx"))
                .as("every finished segment has one; the newest, still written, has none")
                .containsExactlyElementsOf(logs.subList(0, logs.size() - 1).stream()
                        .map(n -> n.replace(".log", ".idx"))
                        .toList());

        List<ILoggingEvent> warnings = capture(Level.WARN);
        assertThat(reopen(store).find(1, SHARD).orElseThrow().read(0, 1000, Long.MAX_VALUE, 0))
                .map(FileShardLogDurabilityTest::fields)
                .containsExactlyElementsOf(
                        before.stream().map(FileShardLogDurabilityTest::fields).toList());
        assertThat(warnings).isEmpty();

        flipByte(dir.resolve(names(dir, ".idx").get(1)), 40);
        FileShardLogStore third = reopen(opened.get(opened.size() - 1));
        assertThat(warnings)
                .singleElement()
                .satisfies(w -> assertThat(w.getFormattedMessage()).contains("is torn or not an index file"));
        ShardLog again = third.find(1, SHARD).orElseThrow();
        assertThat(again.read(0, 1000, Long.MAX_VALUE, 0))
                .map(FileShardLogDurabilityTest::fields)
                .containsExactlyElementsOf(
                        before.stream().map(FileShardLogDurabilityTest::fields).toList());
        for (StoredRecord record : before) {
            assertThat(again.positionAtOrAfter(record.arrivalMillis())).isEqualTo(record.position());
        }
    }

    @Test
    void appendsPastTheByteLimitOrTheFreeSpaceFloorAreRefusedWithNothingWritten() {
        FileShardLogStore store = open(
                temp.resolve("limit"),
                new FileLogOptions(SEGMENT_BYTES, 1000, FsyncPolicy.NEVER, Duration.ofSeconds(1), 1_000, 0));
        ShardLog log = store.create(1, SHARD);
        log.append("k", new byte[500], 1); // 528 bytes with its frame
        assertThatThrownBy(() -> log.append("k", new byte[500], 2))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("runnel.storage.max-bytes");
        assertThat(log.endPosition()).isEqualTo(1);
        assertThat(log.append("k", new byte[100], 3).position()).isEqualTo(1);

        long[] now = {0};
        DiskSpace disk = new DiskSpace(() -> 10_000, () -> now[0], Long.MAX_VALUE, 8_000);
        disk.reserve(1_500, 0);
        assertThatThrownBy(() -> disk.reserve(600, 0))
                .as("the writes since the disk was asked count against its answer")
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("runnel.storage.min-free-space");
        disk.reserve(400, 0);
        now[0] = 100;
        disk.reserve(1_900, 0); // asked again: the disk still says 10,000 free
    }

    @Test
    void aCorruptFrameInAnOlderSegmentIsSkippedOnReadWithOneError() throws IOException {
        Path root = temp.resolve("rot");
        FileShardLogStore store = open(root);
        List<StoredRecord> before = fill(store.create(1, SHARD), 300);
        Path dir = root.resolve("1/0");
        Path first = dir.resolve(names(dir, ".log").get(0));
        store.close();
        flipByte(first, 200);

        List<ILoggingEvent> errors = capture(Level.ERROR);
        ShardLog log = reopen(store).find(1, SHARD).orElseThrow();
        List<StoredRecord> read = readAll(log);
        assertThat(read.size()).isLessThan(before.size());
        assertThat(read.get(read.size() - 1).position()).isEqualTo(299);
        assertThat(read).allSatisfy(r -> assertThat(fields(r)).isEqualTo(fields(before.get((int) r.position()))));
        readAll(log);
        assertThat(errors)
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage())
                        .contains("a CRC mismatch")
                        .contains("reads skip the rest of the segment"));
    }

    @Test
    void afterAnUncleanStopTheLogGoesOnPastEveryReservedPositionAndAfterACleanOneWithoutAGap() {
        Path root = temp.resolve("unclean");
        FileShardLogStore crashed = open(root);
        List<StoredRecord> before = fill(crashed.create(1, SHARD), 10);
        // No close: the store stops the way a killed process does (the OS still holds what was written).

        List<ILoggingEvent> warnings = capture(Level.WARN);
        FileShardLogStore restarted = open(root);
        ShardLog log = restarted.find(1, SHARD).orElseThrow();
        assertThat(log.read(0, 100, Long.MAX_VALUE, 0))
                .map(FileShardLogDurabilityTest::fields)
                .containsExactlyElementsOf(
                        before.stream().map(FileShardLogDurabilityTest::fields).toList());
        long skipped = 1 + PositionReservation.BLOCK; // reserved at the first append
        assertThat(log.endPosition()).isEqualTo(skipped);
        assertThat(log.append("k", bytes("after the crash"), 5_000).position()).isEqualTo(skipped);
        assertThat(log.read(9, 2, Long.MAX_VALUE, 0))
                .extracting(StoredRecord::position)
                .containsExactly(9L, skipped);
        assertThat(warnings)
                .singleElement()
                .satisfies(w -> assertThat(w.getFormattedMessage())
                        .contains("recovered up to position 9, but positions up to " + (skipped - 1)));

        ShardLog clean = reopen(restarted).find(1, SHARD).orElseThrow();
        assertThat(clean.append("k", bytes("after a clean stop"), 6_000).position())
                .isEqualTo(skipped + 1);
    }

    @Test
    void aSealedLogKeepsItsEndAfterAnUncleanStopAndGoesOnPastTheReservationWhenUnsealed() {
        Path root = temp.resolve("sealed");
        FileShardLogStore crashed = open(root);
        ShardLog log = crashed.create(1, SHARD);
        fill(log, 3);
        assertThat(log.seal()).isEqualTo(3);

        ShardLog again = open(root).find(1, SHARD).orElseThrow();
        assertThat(again.isSealed()).isTrue();
        assertThat(again.endPosition())
                .as("a sealed log's end is its shard's last sequence number")
                .isEqualTo(3);
        again.unseal();
        assertThat(again.append("k", bytes("unsealed"), 7_000).position()).isEqualTo(1 + PositionReservation.BLOCK);
    }

    /**
     * Seeded: a segment or index file cut short or with a flipped byte at a random offset; the store always opens,
     * every record it serves is the record written at that position, and appends go on after the last one.
     */
    @Test
    void randomTruncationsAndBitFlipsRecoverToGoodRecordsWithoutFailing() throws IOException {
        long seed = Long.getLong("corruption.seed", 20261206L);
        Random random = new Random(seed);
        for (int round = 0; round < 40; round++) {
            Path root = temp.resolve("random-" + round);
            FileShardLogStore store = open(root);
            List<StoredRecord> before = fill(store.create(1, SHARD), 50 + random.nextInt(250));
            store.close();
            Path dir = root.resolve("1/0");
            List<String> files = new ArrayList<>(names(dir, ".log"));
            files.addAll(names(dir, ".idx"));
            Path victim = dir.resolve(files.get(random.nextInt(files.size())));
            long size = Files.size(victim);
            String damage;
            if (random.nextBoolean() || size == 0) {
                long cut = size == 0 ? 0 : random.nextLong(size);
                damage = "cut " + victim.getFileName() + " to " + cut;
                try (RandomAccessFile file = new RandomAccessFile(victim.toFile(), "rw")) {
                    file.setLength(cut);
                }
            } else {
                long at = random.nextLong(size);
                damage = "flipped byte " + at + " of " + victim.getFileName();
                flipByte(victim, at);
            }
            String context = "seed " + seed + ", round " + round + ": " + damage;

            ShardLog log = reopen(store).find(1, SHARD).orElseThrow();
            List<StoredRecord> read = readAll(log);
            assertThat(read)
                    .as(context)
                    .allSatisfy(r -> assertThat(fields(r)).isEqualTo(fields(before.get((int) r.position()))));
            long last = read.isEmpty() ? -1 : read.get(read.size() - 1).position();
            assertThat(log.append("after", bytes("x"), 10_000).position())
                    .as(context)
                    .isGreaterThan(last);
            assertThat(log.positionAtOrAfter(0)).as(context).isLessThanOrEqualTo(log.endPosition());
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private FileShardLogStore reopen(FileShardLogStore store) {
        store.close();
        Path root = rootOf(store);
        return open(root);
    }

    private Path rootOf(FileShardLogStore store) {
        return roots.get(store);
    }

    private static List<StoredRecord> readAll(ShardLog log) {
        List<StoredRecord> all = new ArrayList<>();
        long from = log.startPosition();
        while (from < log.endPosition()) {
            List<StoredRecord> page = log.read(from, 37, Long.MAX_VALUE, Long.MIN_VALUE);
            if (page.isEmpty()) {
                break;
            }
            all.addAll(page);
            from = page.get(page.size() - 1).position() + 1;
        }
        return all;
    }

    private static List<StoredRecord> fill(ShardLog log, int count) {
        for (int i = 0; i < count; i++) {
            log.append("key-" + i, filled(20 + (i * 7) % 90, i), 1_000 + i, i % 3 == 0);
        }
        return log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE);
    }

    private static List<Object> fields(StoredRecord r) {
        return List.of(r.position(), r.arrivalMillis(), r.partitionKey(), r.data(), r.encrypted());
    }

    private static byte[] filled(int length, int seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void flipByte(Path file, long at) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x40);
        }
    }

    private static List<String> names(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(suffix))
                    .sorted()
                    .toList();
        }
    }

    private static String logName(long base) {
        return String.format("%020d.log", base);
    }

    private List<ILoggingEvent> capture(Level level) {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        appenders.add(appender);
        return new java.util.AbstractList<>() {
            @Override
            public ILoggingEvent get(int index) {
                return matching().get(index);
            }

            @Override
            public int size() {
                return matching().size();
            }

            private List<ILoggingEvent> matching() {
                return appender.list.stream().filter(e -> e.getLevel() == level).toList();
            }
        };
    }
}
